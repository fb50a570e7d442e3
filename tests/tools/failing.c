// SPDX-License-Identifier: GPL-2.0
/*
 * libfailing.so, preloaded by test 52: before main() runs, the process
 * asks the kernel to fail its allocations (/proc/self/make-it-fail, with
 * failslab and fail_page_alloc set up by the test). Starting the program
 * allocates too, and a process that cannot even start never reaches vnet:
 * the failures begin once it has.
 */
#include <fcntl.h>
#include <unistd.h>

__attribute__((constructor)) static void make_it_fail(void)
{
	int fd = open("/proc/self/make-it-fail", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, "1", 1) != 1) {
		close(fd);
		_exit(125);
	}
	close(fd);
}
