// SPDX-License-Identifier: GPL-2.0
/* Print the kernel's base page size in bytes (4096 on x86, 65536 on ppc64le). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	long sz = sysconf(_SC_PAGESIZE);

	if (sz <= 0)
		return 1;
	printf("%ld\n", sz);
	return 0;
}
