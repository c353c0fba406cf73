/*
 * hc_process.c: keeps a HuisClos process's memory out of core dumps (issue 11, finding 11).
 *
 * A replica's plaintext lives in memory while it is open (SQLite's page cache, the VFS's frame
 * cache, decrypted strings). A core dump would copy all of it to disk in clear, where the
 * encryption of the replica no longer protects it. hc_process_harden forbids core dumps for the
 * whole process: RLIMIT_CORE set to 0 (soft and hard, so it cannot be raised again without
 * privilege) and, on Linux, PR_SET_DUMPABLE 0 (no core even if a limit is raised later or a
 * core pattern pipes to a helper; also refuses ptrace attachment by other processes of the same
 * user). C because prctl is variadic, which Swift cannot call.
 */
#include <errno.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include "CHuisClosVFS.h"

int hc_process_harden(void) {
    struct rlimit none = { 0, 0 };
    int failure = 0;
    if (setrlimit(RLIMIT_CORE, &none) != 0) failure = errno;
#ifdef __linux__
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0 && failure == 0) failure = errno;
#endif
    return failure;
}

int hc_process_dumpable(void) {
#ifdef __linux__
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
#else
    return -1;
#endif
}

int hc_process_core_limit(unsigned long long *soft, unsigned long long *hard) {
    struct rlimit limit;
    if (getrlimit(RLIMIT_CORE, &limit) != 0) return errno;
    *soft = (unsigned long long)limit.rlim_cur;
    *hard = (unsigned long long)limit.rlim_max;
    return 0;
}
