"""PyTorch CPU peer of bench/mnist_script.isc: time to accuracy on real MNIST.
MLP 784-256-256-10 (10 epochs) and the small CNN of torch_cnn.py (3 epochs), SGD lr 0.05 momentum 0.9,
batch 128, inputs standardised with the training set's mean and standard deviation, PyTorch's default
initialisation, the test set measured after every epoch (not timed).
Prints one RESULT line per model: test accuracy after each epoch, training seconds so far.
usage: python3 torch_mnist.py DATA_DIR [threads=2] [mlp_epochs=10] [cnn_epochs=3]   (DATA_DIR holds mnist/)"""
import sys, os, gzip, time, json
import numpy as np, torch, torch.nn as nn

folder = os.path.join(sys.argv[1], "mnist")
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
mlp_epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
cnn_epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
torch.set_num_threads(threads)
torch.manual_seed(0)

def read_idx(name):
    """An IDX file (plain or gzip) as a uint8 array: images [n, 28, 28] or labels [n]."""
    path = os.path.join(folder, name)
    raw = open(path, "rb").read() if os.path.exists(path) else gzip.open(path + ".gz").read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * dims).reshape(shape)

train_x = torch.tensor(read_idx("train-images-idx3-ubyte"), dtype=torch.float32) / 255
train_y = torch.tensor(read_idx("train-labels-idx1-ubyte"), dtype=torch.long)
test_x = torch.tensor(read_idx("t10k-images-idx3-ubyte"), dtype=torch.float32) / 255
test_y = torch.tensor(read_idx("t10k-labels-idx1-ubyte"), dtype=torch.long)
mean, std = train_x.mean().item(), train_x.std().item()
train_x, test_x = (train_x - mean) / std, (test_x - mean) / std

def fit(name, model, epochs, shape):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    accuracies, seconds, total = [], [], 0.0
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(train_x))
        model.train()
        for first in range(0, len(train_x), 128):
            rows = order[first:first + 128]
            optimizer.zero_grad(set_to_none=True)
            loss_fn(model(train_x[rows].reshape(shape)), train_y[rows]).backward()
            optimizer.step()
        total += time.perf_counter() - start
        model.eval()
        with torch.no_grad():
            correct = (model(test_x.reshape(shape)).argmax(1) == test_y).float().mean().item()
        accuracies.append(round(correct * 100, 2))
        seconds.append(round(total, 2))
    print("RESULT " + json.dumps({"bench": "torch_mnist", "model": name, "threads": threads, "torch": torch.__version__,
                                  "test_acc_per_epoch": accuracies, "train_seconds_cumulative": seconds}), flush=True)

fit("mlp", nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)),
    mlp_epochs, (-1, 784))
fit("cnn", nn.Sequential(nn.Conv2d(1, 32, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(1024, 128), nn.ReLU(), nn.Linear(128, 10)),
    cnn_epochs, (-1, 1, 28, 28))
