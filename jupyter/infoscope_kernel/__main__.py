"""`python -m infoscope_kernel -f CONNECTION_FILE`: what the kernelspec's argv runs."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import InfoscopeKernel

if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=InfoscopeKernel)
