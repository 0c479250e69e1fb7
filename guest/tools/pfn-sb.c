// SPDX-License-Identifier: GPL-2.0
/*
 * pfn-sb: show or rewrite fields of the pfn/dax info block (struct nd_pfn_sb,
 * 4 KiB into a namespace) through a raw pmem block device, to craft the
 * hostile info blocks the kernel must refuse.
 *
 *   pfn-sb DEV show
 *   pfn-sb DEV set FIELD=VALUE... [bad-checksum]
 *
 * The checksum is recomputed (Fletcher-64 over little-endian 32-bit words,
 * checksum field zeroed) unless bad-checksum is given, which stores it off
 * by one.  Exit status: 0 done, 2 usage or I/O error.
 */
#include <endian.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SB_OFFSET	4096
#define SB_SIZE		4096
#define CSUM_OFFSET	4088

static const struct { const char *name; int off, size; } fields[] = {
	{ "flags", 48, 4 }, { "version_major", 52, 2 }, { "version_minor", 54, 2 },
	{ "dataoff", 56, 8 }, { "npfns", 64, 8 }, { "mode", 72, 4 },
	{ "start_pad", 76, 4 }, { "end_trunc", 80, 4 }, { "align", 84, 4 },
	{ "page_size", 88, 4 }, { "page_struct_size", 92, 2 },
	{ "reserve_layout", 94, 2 },
	{ "checksum", CSUM_OFFSET, 8 },
};
#define NR_FIELDS (sizeof(fields) / sizeof(fields[0]))

static unsigned long long get(const unsigned char *sb, int i)
{
	unsigned long long v = 0;
	int b;

	for (b = fields[i].size - 1; b >= 0; b--)
		v = v << 8 | sb[fields[i].off + b];
	return v;
}

static void put(unsigned char *sb, int off, int size, unsigned long long v)
{
	int b;

	for (b = 0; b < size; b++, v >>= 8)
		sb[off + b] = v & 0xff;
}

static unsigned long long fletcher64(const unsigned char *sb)
{
	unsigned long long lo = 0, hi = 0;
	unsigned int w;
	int i;

	for (i = 0; i < SB_SIZE; i += 4) {
		memcpy(&w, sb + i, 4);
		lo = (lo + le32toh(w)) & 0xffffffffULL;
		hi += lo;
	}
	return hi << 32 | lo;
}

int main(int argc, char **argv)
{
	unsigned char sb[SB_SIZE];
	int fd, i, a, bad = 0;

	if (argc < 3 || (strcmp(argv[2], "show") && strcmp(argv[2], "set"))) {
		fprintf(stderr, "usage: pfn-sb DEV show | set FIELD=VALUE... [bad-checksum]\n");
		return 2;
	}
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || pread(fd, sb, SB_SIZE, SB_OFFSET) != SB_SIZE) {
		perror(argv[1]);
		return 2;
	}
	if (!strcmp(argv[2], "show")) {
		printf("signature=%.15s", (char *)sb);
		for (i = 0; i < (int)NR_FIELDS; i++)
			printf(" %s=%#llx", fields[i].name, get(sb, i));
		printf("\n");
		return 0;
	}
	for (a = 3; a < argc; a++) {
		char *eq = strchr(argv[a], '=');

		if (!strcmp(argv[a], "bad-checksum")) {
			bad = 1;
			continue;
		}
		for (i = 0; eq && i < (int)NR_FIELDS; i++)
			if (!strncmp(argv[a], fields[i].name, eq - argv[a]) &&
			    !fields[i].name[eq - argv[a]])
				break;
		if (!eq || i == (int)NR_FIELDS) {
			fprintf(stderr, "pfn-sb: unknown field in '%s'\n", argv[a]);
			return 2;
		}
		put(sb, fields[i].off, fields[i].size, strtoull(eq + 1, NULL, 0));
	}
	put(sb, CSUM_OFFSET, 8, 0);
	put(sb, CSUM_OFFSET, 8, fletcher64(sb) + bad);
	if (pwrite(fd, sb, SB_SIZE, SB_OFFSET) != SB_SIZE || fsync(fd)) {
		perror(argv[1]);
		return 2;
	}
	return 0;
}
