// SPDX-License-Identifier: GPL-2.0
/*
 * pmem-pattern: write or verify a position-dependent pattern through a
 * shared mmap of a device-dax character device or a file on fsdax.
 *
 *   pmem-pattern write|verify PATH [SEED] [CHUNKS]
 *
 * The whole device is mapped (mmap of /dev/daxX.Y must cover whole
 * alignment units) and CHUNKS slices of 64 KiB spread evenly over it, the
 * last one ending at the end, are written or checked.  Every 8-byte word
 * depends on the seed and its absolute offset, so data that moved,
 * vanished or was overwritten is caught.  Exit status: 0 match, 1
 * mismatch, 2 usage or I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define SLICE (64 * 1024UL)

static uint64_t word_at(uint64_t seed, uint64_t off)
{
	uint64_t z = seed + off * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int dev_size(const char *path, int fd, uint64_t *size)
{
	struct stat st;
	char sys[128];
	FILE *f;
	int ok;

	if (fstat(fd, &st))
		return -1;
	if (!S_ISCHR(st.st_mode)) {
		*size = st.st_size;
		return 0;
	}
	snprintf(sys, sizeof(sys), "/sys/dev/char/%u:%u/size",
		 major(st.st_rdev), minor(st.st_rdev));
	f = fopen(sys, "r");
	if (!f) {
		fprintf(stderr, "pmem-pattern: %s: no size in %s\n", path, sys);
		return -1;
	}
	ok = fscanf(f, "%" SCNu64, size) == 1;
	fclose(f);
	return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint64_t seed = 1, size, chunks = 16, i, w, bad = 0;
	int fd, write_mode;
	uint64_t *map;

	if (argc < 3 || (strcmp(argv[1], "write") && strcmp(argv[1], "verify"))) {
		fprintf(stderr, "usage: pmem-pattern write|verify PATH [SEED] [CHUNKS]\n");
		return 2;
	}
	write_mode = !strcmp(argv[1], "write");
	if (argc > 3)
		seed = strtoull(argv[3], NULL, 0);
	if (argc > 4)
		chunks = strtoull(argv[4], NULL, 0);
	fd = open(argv[2], O_RDWR);
	if (fd < 0 || dev_size(argv[2], fd, &size)) {
		fprintf(stderr, "pmem-pattern: %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	if (size < SLICE || !chunks) {
		fprintf(stderr, "pmem-pattern: %s: too small (%" PRIu64 " bytes)\n",
			argv[2], size);
		return 2;
	}
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED) {
		fprintf(stderr, "pmem-pattern: mmap %s (%" PRIu64 " bytes): %s\n",
			argv[2], size, strerror(errno));
		return 2;
	}
	for (i = 0; i < chunks; i++) {
		uint64_t start = i + 1 == chunks ? size - SLICE :
				 (size / chunks * i) & ~(SLICE - 1);

		for (w = start / 8; w < (start + SLICE) / 8; w++) {
			uint64_t want = word_at(seed, w * 8);

			if (write_mode) {
				map[w] = want;
			} else if (map[w] != want && bad++ < 5) {
				fprintf(stderr, "pmem-pattern: %s: mismatch at offset %#" PRIx64
					": got %#" PRIx64 " want %#" PRIx64 "\n",
					argv[2], w * 8, map[w], want);
			}
		}
	}
	if (write_mode && msync(map, size, MS_SYNC))
		fprintf(stderr, "pmem-pattern: msync: %s\n", strerror(errno));
	munmap(map, size);
	close(fd);
	printf("pmem-pattern: %s %s: %" PRIu64 " x 64 KiB of %" PRIu64 " bytes, seed %" PRIu64 ": %s\n",
	       argv[1], argv[2], chunks, size, seed,
	       bad ? "MISMATCH" : (write_mode ? "written" : "verified"));
	return bad ? 1 : 0;
}
