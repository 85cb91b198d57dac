// The system zlib, used to read gzip-compressed data files (MNIST and Fashion-MNIST ship as .gz).
#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call. Window bits 15 + 16 accept exactly the gzip
// wrapper with the largest (32 KiB) window, so a raw zlib or deflate stream is rejected as corrupt.
static inline int czlib_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

// deflateInit2 is a macro too. Window bits 15 + 16 write a gzip wrapper; memory level 8 is
// zlib's default.
static inline int czlib_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
