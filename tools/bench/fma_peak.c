/* Copied from the project's shared notes, ../shared/bench/fma_peak.c, so that tools/bench/compare.sh does not depend on
   anything outside the repository; changed only so that it also builds where -march=native has no AVX-512 (it then
   measures AVX2 alone). */
/* The machine's floating-point limit: fp32 fused multiply-add throughput with AVX2 and AVX-512,
   on 1 and 2 threads, from 12 independent FMA chains per thread (no memory traffic).
   Build and run:  gcc -O3 -funroll-all-loops -march=native -pthread fma_peak.c -o fma_peak && ./fma_peak
   Use the best figure as the denominator of "fraction of peak" for NetGen's kernels. */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
#include <pthread.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
#define N 200000000L
#ifdef __AVX512F__
#define WIDTHS 2
static void *run512(void *p) {
    __m512 a[12]; __m512 b = _mm512_set1_ps(1.0000001f), c = _mm512_set1_ps(0.999999f);
    for (int i = 0; i < 12; i++) a[i] = _mm512_set1_ps((float)i);
    for (long it = 0; it < N / 12; it++) for (int i = 0; i < 12; i++) a[i] = _mm512_fmadd_ps(a[i], b, c);
    float s = 0; for (int i = 0; i < 12; i++) s += _mm512_reduce_add_ps(a[i]);
    *(float *)p = s; return 0;
}
#else
#define WIDTHS 1
#define run512 run256
#endif
static void *run256(void *p) {
    __m256 a[12]; __m256 b = _mm256_set1_ps(1.0000001f), c = _mm256_set1_ps(0.999999f);
    for (int i = 0; i < 12; i++) a[i] = _mm256_set1_ps((float)i);
    for (long it = 0; it < N / 12; it++) for (int i = 0; i < 12; i++) a[i] = _mm256_fmadd_ps(a[i], b, c);
    float s = 0, t[8]; for (int i = 0; i < 12; i++) { _mm256_storeu_ps(t, a[i]); s += t[0]; }
    *(float *)p = s; return 0;
}
int main(void) {
    float r[2];
    for (int w = 0; w < WIDTHS; w++)
        for (int th = 1; th <= 2; th++) {
            pthread_t t[2]; double s = now();
            for (int i = 0; i < th; i++) pthread_create(&t[i], 0, w ? run512 : run256, &r[i]);
            for (int i = 0; i < th; i++) pthread_join(t[i], 0);
            double el = now() - s, flops = (double)(N / 12) * 12 * (w ? 16 : 8) * 2 * th;
            printf("%s threads=%d GFLOP/s=%.1f\n", w ? "avx512" : "avx2", th, flops / el / 1e9);
        }
    return 0;
}
