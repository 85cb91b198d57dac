// cpuid, xgetbv and MXCSR from C, because Swift has no inline assembly or intrinsics for them.
#include "CPUSupport.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <xmmintrin.h>

// XCR0 bits the operating system sets when it saves a register file on context switches:
// 1 SSE (xmm), 2 AVX (upper ymm), 5-7 AVX-512 (opmask, upper zmm 0-15, zmm 16-31).
static const unsigned long long xcr0_ymm = (1u << 1) | (1u << 2);
static const unsigned long long xcr0_zmm = xcr0_ymm | (1u << 5) | (1u << 6) | (1u << 7);

static unsigned long long read_xcr0(void) {
    unsigned int low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((unsigned long long)high << 32) | low;
}

CPUSupportFeatures cpu_support_features(void) {
    CPUSupportFeatures features = {false, false, false, false, false};
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return features;
    const bool osxsave = (ecx >> 27) & 1;
    const bool avx = (ecx >> 28) & 1;
    const bool fma = (ecx >> 12) & 1;
    if (!osxsave || !avx) return features;
    const unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & xcr0_ymm) != xcr0_ymm) return features;
    features.fma = fma;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return features;
    features.avx2 = (ebx >> 5) & 1;
    if ((xcr0 & xcr0_zmm) == xcr0_zmm) {
        features.avx512f = (ebx >> 16) & 1;
        features.avx512bw = (ebx >> 30) & 1;
        features.avx512vl = (ebx >> 31) & 1;
    }
    return features;
}

bool cpu_support_brand_string(char *buffer, size_t size) {
    if (size < 49) return false;
    buffer[0] = '\0';
    unsigned int highest = __get_cpuid_max(0x80000000u, NULL);
    if (highest < 0x80000004u) return false;
    unsigned int words[12];
    for (unsigned int leaf = 0; leaf < 3; leaf++) {
        __get_cpuid(0x80000002u + leaf, &words[4 * leaf], &words[4 * leaf + 1],
                    &words[4 * leaf + 2], &words[4 * leaf + 3]);
    }
    char raw[49];
    memcpy(raw, words, 48);
    raw[48] = '\0';
    // Intel pads the string with leading spaces; some hypervisors pad the end.
    const char *start = raw;
    while (*start == ' ') start++;
    size_t length = strlen(start);
    while (length > 0 && start[length - 1] == ' ') length--;
    memcpy(buffer, start, length);
    buffer[length] = '\0';
    return length > 0;
}

// MXCSR bit 15 flushes subnormal results to zero; bit 6 reads subnormal inputs as zero.
static const unsigned int mxcsr_ftz_daz = (1u << 15) | (1u << 6);

bool cpu_support_has_denormal_control(void) { return true; }

bool cpu_support_set_flush_denormals(bool flush) {
    const unsigned int current = _mm_getcsr();
    const unsigned int wanted = flush ? (current | mxcsr_ftz_daz) : (current & ~mxcsr_ftz_daz);
    // Writing MXCSR stalls the pipeline; skip it when nothing changes (the common case).
    if (wanted != current) _mm_setcsr(wanted);
    return true;
}

bool cpu_support_flushes_denormals(void) {
    return (_mm_getcsr() & mxcsr_ftz_daz) == mxcsr_ftz_daz;
}

#else

CPUSupportFeatures cpu_support_features(void) {
    CPUSupportFeatures features = {false, false, false, false, false};
    return features;
}

bool cpu_support_brand_string(char *buffer, size_t size) {
    if (size > 0) buffer[0] = '\0';
    return false;
}

bool cpu_support_has_denormal_control(void) { return false; }

bool cpu_support_set_flush_denormals(bool flush) {
    (void)flush;
    return false;
}

bool cpu_support_flushes_denormals(void) { return false; }

#endif
