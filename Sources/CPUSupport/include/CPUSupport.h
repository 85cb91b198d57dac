#ifndef INFOSCOPE_CPU_SUPPORT_H
#define INFOSCOPE_CPU_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

/// The vector features the kernels choose between, each true only when the CPU has it AND the
/// operating system saves the registers it uses (XCR0), so an instruction can never fault.
typedef struct {
    bool avx2;
    bool fma;
    bool avx512f;
    bool avx512bw;
    bool avx512vl;
} CPUSupportFeatures;

/// Reads the features with cpuid and xgetbv; all false on other architectures.
CPUSupportFeatures cpu_support_features(void);

/// Copies the CPU's brand string (cpuid leaves 0x80000002-4, trimmed) into `buffer`, which must
/// hold at least 49 bytes. Returns false (buffer empty) when the CPU has none or this is not x86.
bool cpu_support_brand_string(char *buffer, size_t size);

/// Whether this architecture has the flush-to-zero / denormals-are-zero switch handled here.
bool cpu_support_has_denormal_control(void);

/// Turns flush-to-zero and denormals-are-zero on or off for the calling thread (MXCSR bits 15
/// and 6). Returns false, changing nothing, on other architectures.
bool cpu_support_set_flush_denormals(bool flush);

/// Whether both bits are set for the calling thread (false on other architectures).
bool cpu_support_flushes_denormals(void);

#endif
