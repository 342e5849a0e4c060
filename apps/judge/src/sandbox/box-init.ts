import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessRunner } from '../process/process-runner';
import { SandboxError } from './sandbox.types';

/**
 * The last step inside every box before the program: a tiny static C program (built once per
 * machine, see `buildBoxInit`). In this order it
 *   1. joins the box's cgroups through fds the judge opened on their `cgroup.procs` (writing "0"
 *      moves the writer), so CPU time and memory are counted from here on, not bwrap's set-up;
 *   2. sets the rlimits (CPU seconds as a backstop, file size, stack, no core, open files,
 *      processes, and address space only when there are no cgroups);
 *   3. as root, makes /dev read-only (its device nodes included), empties the capability
 *      bounding set, drops to the box uid/gid with no supplementary groups and no
 *      capabilities; sets no-new-privs;
 *   4. installs a seccomp filter refusing new namespaces (user namespaces above all), mounts,
 *      keyrings, BPF, perf, userfaultfd, io_uring and x32 system calls;
 *   5. moves the run's result file (when given) to fd 3, closes every other fd but stdin,
 *      stdout and stderr, and execs the program.
 * Any failure is written to STATUS_FD (close-on-exec: the program never sees it) and ends with
 * exit 127, so the judge can tell its own failure from the program's; a failed exec of the
 * program itself is reported as `exec: PATH: ERROR`, for the judge to weigh.
 *
 *   box-init STATUS_FD UID GID CGROUP_FDS CPU_S FSIZE_B STACK_B NOFILE NPROC AS_B RESULT_FD -- PROGRAM ARGS…
 *
 * RESULT_FD is `-` for none.
 *
 * A prepared box (SandboxService's warm boxes) starts box-init as
 *
 *   box-init --serve STATUS_FD CONTROL_FD TMPFS...
 *
 * and it serves runs one after another (see serve() below): for each, the launcher sends the
 * run's cgroups first, and box-init makes the run's keeper in fresh PID, mount, IPC and network
 * namespaces, which mounts a fresh /proc and fresh scratch folders and forks the program's
 * process; that one joins the cgroups (step 1, off the run's path: the kernel's first move of a
 * process into a cgroup after a quiet spell waits out an RCU grace period, 5–25 ms) and waits
 * for one message on CONTROL_FD (a SOCK_SEQPACKET socket from the box launcher). The message's
 * fields (NUL-terminated) are
 *
 *   NFDS TARGET×NFDS NMOUNTS (TARGET RW)×NMOUNTS ARGC ARG×ARGC
 *
 * (once its fds and trees are in place it answers one byte, 'r', so that the launcher knows the
 * run is in a live box: a failure before that is a box that never ran it) and it carries NFDS + NMOUNTS fds (SCM_RIGHTS): the run's own fds (stdin, its
 * captures, a given stdout, the result file), each put at its TARGET, then detached mount trees
 * (open_tree(2) by the launcher, on the host) moved onto their TARGET folders, read-only unless
 * RW is 1, always nosuid and nodev. Then it goes to /box again (a tree may now cover it) and
 * carries on from step 2 with ARG×ARGC as its arguments (their CGROUP_FDS '-'); the keeper
 * reports its end. Namespaces and mounts need CAP_SYS_ADMIN and the
 * loopback CAP_NET_ADMIN, which the box keeps until step 3 drops every capability; the program
 * never has them.
 */
export const BOX_INIT_SOURCE = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/mount.h>
#include <linux/seccomp.h>
#include <net/if.h>
#include <signal.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int status_fd = -1;

static void fail(const char *what) {
  if (status_fd >= 0) dprintf(status_fd, "box-init: %s: %s\n", what, strerror(errno));
  _exit(127);
}

static unsigned long long num(const char *s) { return strtoull(s, NULL, 10); }

static void limit(int resource, unsigned long long value, const char *what) {
  struct rlimit r = { value, value };
  if (setrlimit(resource, &r) != 0) fail(what);
}

#if defined(__x86_64__)
#define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define ARCH AUDIT_ARCH_AARCH64
#endif

#define DENY(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)
#define NEW_NAMESPACES (CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)

/* Kernel surface no submission needs: new namespaces (user namespaces above all: root inside
 * one reaches much more kernel code), mounts, keyrings, BPF, perf, userfaultfd. clone3 gets
 * ENOSYS because its flags are behind a pointer seccomp cannot read; the C library then falls
 * back to clone, whose flags are checked. Unknown architectures keep no filter. */
static void restrict_syscalls(void) {
#ifdef ARCH
  struct sock_filter filter[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __x86_64__
    /* x32 ABI calls carry the x86-64 arch with bit 30 set: they would miss every check below. */
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
#endif
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NEW_NAMESPACES, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
    DENY(SYS_unshare), DENY(SYS_setns), DENY(SYS_mount), DENY(SYS_umount2), DENY(SYS_pivot_root),
    DENY(SYS_chroot), DENY(SYS_keyctl), DENY(SYS_add_key), DENY(SYS_request_key), DENY(SYS_bpf),
    DENY(SYS_perf_event_open), DENY(SYS_userfaultfd), DENY(SYS_open_tree), DENY(SYS_move_mount),
    DENY(SYS_fsopen), DENY(SYS_fsmount), DENY(SYS_kexec_load), DENY(SYS_init_module),
    /* io_uring's operations are not seen by seccomp; runtimes (libuv) fall back without it. */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_io_uring_setup, 0, 1),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = { (unsigned short)(sizeof filter / sizeof filter[0]), filter };
  if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) fail("seccomp");
#endif
}

#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
/* Joins the cgroups whose cgroup.procs files are open at the fds in LIST (comma-separated, or -). */
static void join_cgroups(char *list) {
  if (strcmp(list, "-") == 0) return;
  char *save = NULL;
  for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    int fd = atoi(tok);
    if (write(fd, "0", 1) != 1) fail("join the box cgroup");
    close(fd);
  }
}

#define MAX_PASSED 64
/* Above every fd a box is given (0–2, the status fd, cgroups, the result file). */
#define PARKED_FD 64
static char message[1 << 20];

/* Waits for the run (see the comment above), puts its fds and mounts in place; returns its
 * argument count and fills argv (argv[0] is box-init's own name). */
static int wait_for_run(int control, char **argv, int max) {
  union { char buf[CMSG_SPACE(MAX_PASSED * sizeof(int))]; struct cmsghdr align; } cm;
  struct iovec io = { message, sizeof message - 1 };
  struct msghdr m; memset(&m, 0, sizeof m);
  m.msg_iov = &io; m.msg_iovlen = 1; m.msg_control = cm.buf; m.msg_controllen = sizeof cm.buf;
  ssize_t n;
  do n = recvmsg(control, &m, MSG_CMSG_CLOEXEC); while (n < 0 && errno == EINTR);
  /* The launcher closed the socket without a run: the box was not needed. */
  if (n == 0) _exit(0);
  if (n < 0) fail("wait for the run");
  if (m.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) { errno = EMSGSIZE; fail("the run's message"); }
  message[n] = 0;
  int fds[MAX_PASSED], nfds_in = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    for (int i = 0; i < k && nfds_in < MAX_PASSED; i++) memcpy(&fds[nfds_in++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
  }
  char *f[4096]; int nf = 0;
  for (char *p = message; p < message + n && nf < 4096; p += strlen(p) + 1) f[nf++] = p;
  int at = 0;
  #define FIELD() (at < nf ? f[at++] : (errno = EINVAL, fail("the run's message"), (char *)0))
  int nfds = atoi(FIELD());
  if (nfds < 0 || nfds > nfds_in) { errno = EINVAL; fail("the run's fds"); }
  /* Out of the way of every target first, then each onto its target (dup2 clears close-on-exec). */
  for (int i = 0; i < nfds_in; i++) {
    int h = fcntl(fds[i], F_DUPFD_CLOEXEC, PARKED_FD);
    if (h < 0) fail("park a passed fd");
    close(fds[i]); fds[i] = h;
  }
  for (int i = 0; i < nfds; i++) {
    int target = atoi(FIELD());
    if (target < 0 || target >= PARKED_FD || target == status_fd || target == control) { errno = EINVAL; fail("a passed fd's target"); }
    if (dup2(fds[i], target) != target) fail("place a passed fd");
    close(fds[i]);
  }
  int nmounts = atoi(FIELD());
  if (nmounts < 0 || nfds + nmounts != nfds_in) { errno = EINVAL; fail("the run's mounts"); }
  for (int i = 0; i < nmounts; i++) {
    const char *target = FIELD();
    int rw = strcmp(FIELD(), "1") == 0;
    int tree = fds[nfds + i];
    struct mount_attr attr; memset(&attr, 0, sizeof attr);
    attr.attr_set = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | (rw ? 0 : MOUNT_ATTR_RDONLY);
    /* A clone shares the host mount's propagation: no mount event goes either way. */
    attr.propagation = MS_PRIVATE;
    if (syscall(SYS_mount_setattr, tree, "", AT_EMPTY_PATH | AT_RECURSIVE, &attr, sizeof attr) != 0) fail("mount_setattr");
    if (syscall(SYS_move_mount, tree, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0) fail(target);
    close(tree);
  }
  if (chdir("/box") != 0) fail("chdir /box");
  /* Tells the launcher the run is here and in place: a box that failed before this ran nothing of
   * it, and the run goes to a box made then. Nothing below runs the program but the exec. */
  if (send(control, "r", 1, MSG_NOSIGNAL) != 1) fail("acknowledge the run");
  int argc = atoi(FIELD());
  if (argc < 1 || argc >= max) { errno = EINVAL; fail("the run's arguments"); }
  for (int i = 0; i < argc; i++) argv[i + 1] = FIELD();
  argv[argc + 1] = NULL;
  #undef FIELD
  return argc + 1;
}

/* Receives the next run's cgroups ('p', their procs files' fds); false when the launcher closed the socket. */
static int next_cgroups(int control, int *fds, int *n) {
  union { char buf[CMSG_SPACE(8 * sizeof(int))]; struct cmsghdr align; } cm;
  char b[8];
  struct iovec io = { b, sizeof b };
  struct msghdr m; memset(&m, 0, sizeof m);
  m.msg_iov = &io; m.msg_iovlen = 1; m.msg_control = cm.buf; m.msg_controllen = sizeof cm.buf;
  ssize_t got;
  do got = recvmsg(control, &m, MSG_CMSG_CLOEXEC); while (got < 0 && errno == EINTR);
  if (got == 0) return 0;
  if (got < 0) fail("wait for the next run");
  if (b[0] != 'p' || (m.msg_flags & (MSG_TRUNC | MSG_CTRUNC))) { errno = EINVAL; fail("the next run's cgroups"); }
  *n = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    for (int i = 0; i < k && *n < 8; i++) memcpy(&fds[(*n)++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
  }
  return 1;
}

/* A fresh mount of 'type' at 'path' (nosuid, nodev, plus 'flags'), with 'data'. */
static void fresh(const char *type, const char *path, unsigned long flags, const char *data) {
  if (mount(type, path, type, MS_NOSUID | MS_NODEV | flags, data) != 0) fail(path);
}

/* What of /proc bwrap makes read-only in every box (its --proc): the same in a run's fresh one. */
static void proc_read_only(void) {
  static const char *const parts[] = { "/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus" };
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    if (mount(parts[i], parts[i], NULL, MS_BIND | MS_REC, NULL) != 0) { if (errno == ENOENT) continue; fail(parts[i]); }
    if (mount(NULL, parts[i], NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) fail(parts[i]);
  }
}

/* The keeper (see serve): waits for the program's process, reports its end, exits. */
static void keep(int control, pid_t program) {
  if (control > 0 && syscall(SYS_close_range, 0U, (unsigned)control - 1, 0U) != 0) for (int fd = 0; fd < control; fd++) close(fd);
  if (syscall(SYS_close_range, (unsigned)control + 1, ~0U, 0U) != 0) for (int fd = control + 1; fd < 65536; fd++) close(fd);
  int st, status = -1;
  /* Orphans of the run are reparented to the keeper: reaped on the way. Its end as bwrap's init
   * reports it: exit code, 128 + signal, or 255 for anything else (a ptrace stop: the program
   * made the keeper its tracer with PTRACE_TRACEME). */
  for (;;) {
    pid_t w = wait(&st);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) break;
    if (w == program) {
      status = WIFEXITED(st) ? st : WIFSIGNALED(st) ? (128 + WTERMSIG(st)) << 8 : 255 << 8;
      break;
    }
  }
  /* The kernel kills what is left in the run's PID namespace when the keeper exits, and box-init's
   * wait for the keeper returns only once all of it is gone. */
  char msg[32];
  int n = snprintf(msg, sizeof msg, "x%d", status);
  _exit(send(control, msg, (size_t)n, MSG_NOSIGNAL) == n && status >= 0 ? 0 : 1);
}

/*
 * A box that serves runs one after another (SandboxService's warm boxes):
 *
 *   box-init --serve STATUS_FD CONTROL_FD TMPFS...      TMPFS: PATH:MODE:BYTES (octal mode)
 *
 * For each run the launcher first sends 'p' with the run's cgroup procs files (SCM_RIGHTS):
 * box-init forks the run's keeper in new PID, mount, IPC and network namespaces. The keeper
 * starts a new session (as bwrap's --new-session), makes its mounts private, mounts a fresh
 * /proc (read-only parts as bwrap's), a fresh devpts instance at /dev/pts and a fresh tmpfs
 * at each TMPFS, brings the loopback up, and
 * forks the program's process, which joins the run's cgroups (the slow move, off the run's
 * path) and returns to main to wait for the run (wait_for_run), then steps 2 on. The keeper is
 * not in the run's cgroups: it takes none of the run's process slots, its memory is not the
 * run's, and the OOM killer of the run's memory cgroup cannot choose it. It closes every fd but
 * the control socket and waits: once the program's process has ended it sends 'x' STATUS, the
 * wait status as bwrap reports it (a signal N as exit code 128 + N, anything else 255), and
 * exits: the kernel then kills whatever the run left (the keeper is PID 1 of the run's
 * namespace); its namespaces and mounts, and so every file the run wrote outside /box and its
 * own trees, go with it. box-init waits for the keeper and for the next 'p'; a keeper that
 * ended otherwise ends the box. Nothing of one run is left for the next: no process, no file,
 * no System V or POSIX IPC object, no pty, no socket in its namespace (fds a run parked in a
 * unix socket that holds itself live until the kernel's collector runs: see serve).
 */
static int serve(int control, char **tmpfs, int ntmpfs) {
  for (;;) {
    int cg[8], ncg = 0;
    if (!next_cgroups(control, cg, &ncg)) _exit(0);
    pid_t keeper = (pid_t)syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWNET | SIGCHLD, 0, 0, 0, 0);
    if (keeper < 0) fail("clone the run's keeper");
    if (keeper > 0) {
      for (int i = 0; i < ncg; i++) close(cg[i]);
      int st;
      while (waitpid(keeper, &st, 0) < 0) if (errno != EINTR) fail("wait for the run's keeper");
      if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) _exit(1);
      /* Closing a unix socket schedules the kernel's collector of unix sockets in flight: fds a
       * run parked in a socket that holds itself (a lock on its program, say) go then. */
      int u = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (u >= 0) close(u);
      continue;
    }
    if (setsid() < 0) fail("setsid");
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make the run's mounts private");
    fresh("proc", "/proc", MS_NOEXEC, NULL);
    proc_read_only();
    /* A fresh devpts instance: no pty of an earlier run is there. (The program's process makes
     * /dev read-only but for this and the fresh /dev/shm, a TMPFS, as in every root box: main.) */
    fresh("devpts", "/dev/pts", MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620");
    for (int i = 0; i < ntmpfs; i++) {
      char spec[4096], data[64];
      snprintf(spec, sizeof spec, "%s", tmpfs[i]);
      char *mode = strchr(spec, ':'), *bytes = mode ? strchr(mode + 1, ':') : NULL;
      if (!bytes) { errno = EINVAL; fail("a tmpfs"); }
      *mode++ = 0; *bytes++ = 0;
      snprintf(data, sizeof data, "mode=%s,size=%s", mode, bytes);
      fresh("tmpfs", spec, 0, data);
    }
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    struct ifreq ifr; memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) != 0) fail("the loopback");
    ifr.ifr_flags |= IFF_UP;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0) fail("bring the loopback up");
    close(s);
    pid_t program = fork();
    if (program < 0) fail("fork the program's process");
    if (program == 0) {
      for (int i = 0; i < ncg; i++) if (write(cg[i], "0", 1) != 1) fail("join the run's cgroup"); else close(cg[i]);
      return control;
    }
    keep(control, program);
  }
}

int main(int argc, char **argv) {
  static char *run_argv[4096];
  if (argc >= 4 && strcmp(argv[1], "--serve") == 0) {
    status_fd = atoi(argv[2]);
    if (fcntl(status_fd, F_SETFD, FD_CLOEXEC) != 0) fail("status fd");
    /* Returns in the program's process only, its run's cgroups joined. */
    int control = serve(atoi(argv[3]), argv + 4, argc - 4);
    run_argv[0] = argv[0];
    argc = wait_for_run(control, run_argv, 4096 - 1);
    argv = run_argv;
  }
  if (argc < 14 || strcmp(argv[12], "--") != 0) { errno = EINVAL; fail("usage"); }
  status_fd = atoi(argv[1]);
  if (fcntl(status_fd, F_SETFD, FD_CLOEXEC) != 0) fail("status fd");
  uid_t uid = (uid_t)num(argv[2]);
  gid_t gid = (gid_t)num(argv[3]);
  join_cgroups(argv[4]);
  limit(RLIMIT_CPU, num(argv[5]), "RLIMIT_CPU");
  limit(RLIMIT_FSIZE, num(argv[6]), "RLIMIT_FSIZE");
  limit(RLIMIT_STACK, num(argv[7]), "RLIMIT_STACK");
  limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
  limit(RLIMIT_NOFILE, num(argv[8]), "RLIMIT_NOFILE");
  limit(RLIMIT_NPROC, num(argv[9]), "RLIMIT_NPROC");
  if (num(argv[10]) > 0) limit(RLIMIT_AS, num(argv[10]), "RLIMIT_AS");

  if (getuid() == 0) {
    /* /dev read-only, the host's device nodes bound in it too: their times, which anyone who may
     * write a node may set to now, would carry bits from box to box (bwrap cannot bind a device
     * read-only without nodev). Writing to the nodes still works. Not on kernels before 5.12
     * (mount_setattr). */
    struct mount_attr ro; memset(&ro, 0, sizeof ro);
    ro.attr_set = MOUNT_ATTR_RDONLY;
    if (syscall(SYS_mount_setattr, AT_FDCWD, "/dev", AT_RECURSIVE, &ro, sizeof ro) == 0) {
      /* But for the box's own /dev/shm (POSIX semaphores and shared memory) and devpts. */
      struct mount_attr rw; memset(&rw, 0, sizeof rw);
      rw.attr_clr = MOUNT_ATTR_RDONLY;
      if (syscall(SYS_mount_setattr, AT_FDCWD, "/dev/shm", 0, &rw, sizeof rw) != 0) fail("/dev/shm");
      if (syscall(SYS_mount_setattr, AT_FDCWD, "/dev/pts", 0, &rw, sizeof rw) != 0) fail("/dev/pts");
    } else if (errno != ENOSYS) fail("make /dev read-only");
    for (int cap = 0; cap <= 63; cap++) prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    if (setgroups(0, NULL) != 0) fail("setgroups");
    if (setresgid(gid, gid, gid) != 0) fail("setresgid");
    if (setresuid(uid, uid, uid) != 0) fail("setresuid");
  }
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct none[2];
  memset(none, 0, sizeof none);
  if (syscall(SYS_capset, &header, none) != 0) fail("drop capabilities");
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) fail("clear ambient capabilities");
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) fail("no_new_privs");
  if (geteuid() == 0 || getegid() == 0) { errno = EPERM; fail("still root"); }
  restrict_syscalls();

  /* The result file becomes fd 3 (dup2 clears close-on-exec); everything else above 2 is closed. */
  int first = 3;
  if (strcmp(argv[11], "-") != 0) {
    if (status_fd == 3 || dup2(atoi(argv[11]), 3) != 3) fail("result fd");
    first = 4;
  }
  if (status_fd > first && syscall(SYS_close_range, (unsigned)first, (unsigned)status_fd - 1, 0U) != 0)
    for (int fd = first; fd < status_fd; fd++) close(fd);
  if (syscall(SYS_close_range, (unsigned)status_fd + 1, ~0U, 0U) != 0)
    for (int fd = status_fd + 1; fd < 65536; fd++) close(fd);
  execv(argv[13], argv + 13);
  /* Not necessarily the judge's fault: a submission's own binary can be unrunnable. The judge
   * decides from the path; "exec:" marks this case. */
  if (status_fd >= 0) dprintf(status_fd, "exec: %s: %s\n", argv[13], strerror(errno));
  _exit(127);
}
`;

/**
 * Compiles box-init (static when the C library allows) into `dir`, once per source version;
 * returns the binary's path.
 * @throws SandboxError when gcc is missing or fails: the judge cannot run without it.
 */
export function buildBoxInit(dir: string, processes: ProcessRunner): string {
  return buildRuntimeBinary(dir, 'box-init', BOX_INIT_SOURCE, processes);
}

/**
 * Compiles one of the sandbox's C helpers (`name`, from `source`) into `dir`, statically when
 * the C library allows, once per source version (the file name carries the source's hash);
 * returns the binary's path. Safe when several judges build at once (write, then rename).
 * @throws SandboxError when gcc is missing or fails: the judge cannot run without it.
 */
export function buildRuntimeBinary(dir: string, name: string, source: string, processes: ProcessRunner): string {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const binary = join(dir, `${name}-${hash}`);
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const file = join(dir, `${name}-${hash}.c`);
  writeFileSync(file, source);
  const tmp = `${binary}.tmp-${process.pid}`;
  let r = processes.runSync('gcc', ['-O2', '-static', '-o', tmp, file]);
  if (r.status !== 0) r = processes.runSync('gcc', ['-O2', '-o', tmp, file]);
  if (r.status !== 0) throw new SandboxError(`cannot build the sandbox's ${name} with gcc (install gcc): ${r.error?.message ?? r.stderr}`);
  chmodSync(tmp, 0o755);
  renameSync(tmp, binary);
  return binary;
}
