// SPDX-License-Identifier: GPL-2.0
/*
 * fail-bind: bind a device to a driver with the Nth fault-injection site
 * the write reaches made to fail (Documentation/fault-injection,
 * "fail-nth").
 *
 *   fail-bind BIND_FILE DEVICE N
 *
 * A driver's probe started through a sysfs bind file runs in the writing
 * task, so counting sites in this task walks every slab and page
 * allocation of the probe (memremap_pages() and the vmemmap population
 * under it) in order.  Memory is locked and touched first, so the program
 * takes no page faults of its own while the counter runs.
 *
 * Prints "injected=1 err=ERRNO" when the Nth site was reached and failed
 * (err=0: the probe coped with it), "injected=0 err=ERRNO" when the write
 * made fewer than N calls.  Exit status 0, or 2 for a setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64], buf[32];
	int bind, nth, err = 0;
	ssize_t n;

	if (argc != 4 || atoi(argv[3]) < 1) {
		fprintf(stderr, "usage: fail-bind BIND_FILE DEVICE N (N >= 1)\n");
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/self/task/%ld/fail-nth", (long)syscall(SYS_gettid));
	bind = open(argv[1], O_WRONLY);
	nth = open(path, O_RDWR);
	if (bind < 0 || nth < 0) {
		fprintf(stderr, "fail-bind: open %s: %s\n", bind < 0 ? argv[1] : path, strerror(errno));
		return 2;
	}
	if (mlockall(MCL_CURRENT | MCL_FUTURE)) {
		fprintf(stderr, "fail-bind: mlockall: %s\n", strerror(errno));
		return 2;
	}
	if (write(nth, argv[3], strlen(argv[3])) < 0) {
		fprintf(stderr, "fail-bind: %s: %s\n", path, strerror(errno));
		return 2;
	}
	n = write(bind, argv[2], strlen(argv[2]));
	if (n < 0)
		err = errno;
	memset(buf, 0, sizeof(buf));
	if (pread(nth, buf, sizeof(buf) - 1, 0) < 0) {
		fprintf(stderr, "fail-bind: read %s: %s\n", path, strerror(errno));
		return 2;
	}
	/* Reading 0 means the fault was injected; disarm it either way. */
	printf("injected=%d err=%d\n", atoi(buf) == 0, err);
	if (write(nth, "0", 1) < 0 && errno != EINVAL)
		return 2;
	return 0;
}
