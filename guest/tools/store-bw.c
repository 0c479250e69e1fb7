// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's store bandwidth, the bound for memmap initialization: fill
 * BYTES of memory (faulted in first, not timed) with 8-byte stores, eight
 * to a 64-byte struct page as the kernel's memmap fill does, and print the
 * MB/s of the first of ROUNDS passes (default 3) and of the fastest.
 * The first pass is the one a memmap init is like: each page it writes is
 * new to the TLB (under QEMU TCG a softmmu TLB fill per 4 KiB page: first
 * passes took 1.0-1.2x the fastest's time on 2026-12-08); the fastest
 * pass is the stores alone.
 *   store-bw BYTES [ROUNDS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Volatile: the compiler must not turn the loop into a call to memset. */
static void fill(volatile uint64_t *p, size_t words, uint64_t v)
{
	volatile uint64_t *end = p + words;

	for (; p < end; p += 8) {
		p[0] = v; p[1] = v; p[2] = v; p[3] = v;
		p[4] = v; p[5] = v; p[6] = v; p[7] = v;
	}
}

int main(int argc, char **argv)
{
	size_t bytes, words;
	double first = 0, best = 0;
	uint64_t *buf;
	int rounds, i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: store-bw BYTES [ROUNDS]\n");
		return 2;
	}
	bytes = strtoull(argv[1], NULL, 0) & ~(size_t)63;
	rounds = argc == 3 ? atoi(argv[2]) : 3;
	if (!bytes || rounds < 1) {
		fprintf(stderr, "store-bw: need at least 64 bytes and one round\n");
		return 2;
	}
	buf = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (buf == MAP_FAILED) {
		perror("store-bw: mmap");
		return 1;
	}
	words = bytes / sizeof(*buf);
	for (i = 0; i < rounds; i++) {
		double t = now_s(), mbps;

		fill(buf, words, 0x5a5a5a5a5a5a5a5aULL + i);
		mbps = bytes / (now_s() - t) / 1e6;
		if (!i)
			first = mbps;
		if (mbps > best)
			best = mbps;
	}
	printf("%.0f %.0f\n", first, best);
	return 0;
}
