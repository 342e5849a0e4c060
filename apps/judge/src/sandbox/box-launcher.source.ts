/**
 * The box launcher: a tiny C program the judge starts once (box-launcher.ts) and asks to start
 * each box's bwrap. It exists for speed: Node's `spawn` forks the whole judge (page tables of
 * 150–250 MiB: 4–6 ms on the judge's only thread, per run), while this process is a few hundred
 * KiB and starts bwrap with posix_spawn (vfork) in well under a millisecond.
 *
 * Protocol: frames on stdin and stdout, each a little-endian u32 length then that many bytes of
 * NUL-terminated fields (a `done` frame then carries the captured bytes raw).
 *   judge → launcher
 *     run  ID NFDS (TARGET HOW)×NFDS NARGS ARG×NARGS   start ARG… (ARG[0] looked up in PATH)
 *       HOW: `null` (/dev/null), `cap:BYTES:KILL` (a pipe the launcher reads, keeping the first
 *       BYTES; past BYTES it kills the run when KILL is 1), `fd:N:MODE` (the judge's own fd N,
 *       reopened through /proc/JUDGE/fd/N with MODE r, w or rw)
 *     warm ID NFDS (TARGET HOW)×NFDS CONTROL NARGS ARG×NARGS
 *                                                       start a prepared box: as run, and the box
 *       also gets fd CONTROL, one end of a SOCK_SEQPACKET socket pair (box-init --serve, box-init.ts)
 *     prep ID NPATHS PATH×NPATHS                        open each PATH (the next run's cgroup.procs
 *       files) for writing and send them to prepared box ID ('p'); a box that cannot take them is
 *       killed. No answer
 *     go ID RUN NCAPS (TARGET BYTES KILL)×NCAPS NFDS (TARGET HOW)×NFDS NMOUNTS (SOURCE TARGET RW)×NMOUNTS NARGS ARG×NARGS
 *                                                       start run RUN in prepared box ID (after a
 *       prep, once the box's run before it is done): make a capture pipe for each of NCAPS (as
 *       cap:BYTES:KILL does for a run), open the fds (HOW: null or fd:N:MODE) and a detached copy
 *       of each SOURCE tree (open_tree(2), on the host), send them with the fields box-init's
 *       keeper expects (box-init.ts); once it has acknowledged them (one byte back) answer
 *       started RUN, and the wall clock starts. Answers failed RUN (the box is killed) when any of
 *       it failed or the box ended before it acknowledged. The keeper's report of the program's
 *       end ('x' WAITSTATUS) ends RUN (exited, then done once its captures are at EOF); a box that
 *       ends first ends it with WAITSTATUS -1. The box then takes the next prep and go
 *     kill ID                                           SIGKILL the run's bwrap if not yet reaped
 *                                                       (a run in a prepared box: the box's)
 *     fifo ID PATH                                      mkfifo PATH, mode 0600 (Node has no mkfifo)
 *   launcher → judge
 *     started ID PID | failed ID MESSAGE                after the spawn: the judge may close its fds
 *     made ID | failed ID MESSAGE                       after a fifo request
 *     exited ID                                         bwrap was reaped (its pipes may still be open)
 *     done ID WAITSTATUS WALL_US OVERFLOW NCAP (TARGET LEN)×NCAP BYTES…
 *       bwrap reaped and every captured pipe at EOF; WALL_US from spawn to reap; OVERFLOW the
 *       first target that went past its cap with KILL (-1: none)
 * Every fd of the launcher is close-on-exec: a box receives exactly the fds its request names.
 * It dies with the judge (PR_SET_PDEATHSIG), and bwrap's --die-with-parent takes the boxes along;
 * at EOF on stdin it kills what still runs and exits.
 */
export const BOX_LAUNCHER_SOURCE = String.raw`#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <linux/mount.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_FDS 32
/* Runs and prepared boxes at once: the judge's slots (at most 3 x 64) and warm boxes (at most 64). */
#define MAX_RUNS 512
#define HIGH_FD 100

struct capture { int target; int fd; size_t cap; int kill; size_t len; size_t size; size_t seen; char *buf; };
/* A process started by run or warm (pid: its bwrap), or a run in a prepared box (box: the box's index, pid: its bwrap). */
struct run {
  int used; char id[64]; pid_t pid; int reaped; int status; struct timespec start; long long wall_us;
  int overflow; int ncap; struct capture caps[MAX_FDS];
  /* A prepared box's end of its control socket while the box lives, else -1 (a run's: its box's). */
  int control;
  /* A run: go sent it, waiting for the keeper's acknowledgement on control. */
  int awaiting;
  /* A run: the box it is in (an index of runs), else -1. A box: the run it serves, else -1. */
  int box, serving;
};

static struct run runs[MAX_RUNS];
static pid_t judge;
static int sig_pipe[2];

static void die(const char *what) { fprintf(stderr, "box-launcher: %s: %s\n", what, strerror(errno)); _exit(1); }

static void write_all(const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(1, p, n);
    if (w < 0) { if (errno == EINTR) continue; _exit(0); }
    p += w; n -= (size_t)w;
  }
}

/* A frame of fields; raw bytes (done) follow in extra/extra_len pairs. */
struct out { char *p; size_t len, size; };
static void put(struct out *o, const void *s, size_t n) {
  if (o->len + n > o->size) { o->size = (o->len + n) * 2 + 64; o->p = realloc(o->p, o->size); if (!o->p) die("realloc"); }
  memcpy(o->p + o->len, s, n); o->len += n;
}
static void field(struct out *o, const char *s) { put(o, s, strlen(s) + 1); }
static void fieldn(struct out *o, long long v) { char b[32]; snprintf(b, sizeof b, "%lld", v); field(o, b); }
static void send_frame(struct out *o) {
  uint32_t n = (uint32_t)o->len;
  unsigned char h[4] = { n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >> 24) & 255 };
  write_all((const char *)h, 4); write_all(o->p, o->len);
  free(o->p); o->p = NULL; o->len = o->size = 0;
}

/* SIGKILLs a process the launcher started and its own children: for a box, bwrap and the box's
 * PID 1, which bwrap tells to die with it only once its set-up is done (killed before that, the
 * PID 1 would wait for bwrap forever). */
static void kill_box(pid_t pid) {
  char path[64], list[512];
  pid_t children[32]; int n = 0;
  snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t len = read(fd, list, sizeof list - 1);
    close(fd);
    if (len > 0) {
      list[len] = 0;
      char *save = NULL;
      for (char *t = strtok_r(list, " \n", &save); t && n < 32; t = strtok_r(NULL, " \n", &save)) children[n++] = (pid_t)atoi(t);
    }
  }
  kill(pid, SIGKILL);
  for (int i = 0; i < n; i++) if (children[i] > 1) kill(children[i], SIGKILL);
}

static void on_chld(int s) { (void)s; int e = errno; (void)!write(sig_pipe[1], "c", 1); errno = e; }

static struct run *find(const char *id) {
  for (int i = 0; i < MAX_RUNS; i++) if (runs[i].used && strcmp(runs[i].id, id) == 0) return &runs[i];
  return NULL;
}

static void failed(const char *id, const char *what, int err) {
  struct out o = {0}; char msg[256];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
  field(&o, "failed"); field(&o, id); field(&o, msg); send_frame(&o);
}

/* Moves fd above every target and marks it close-on-exec. */
static int high(int fd) {
  int h = fcntl(fd, F_DUPFD_CLOEXEC, HIGH_FD);
  int e = errno; close(fd); errno = e;
  return h;
}

/* Opens the judge's fd N with mode r, w or rw. A FIFO is opened without waiting for its other
 * end; one whose reader is gone gives a pipe nobody reads (the program sees EPIPE, as it would). */
static int judge_fd(const char *n, const char *mode) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/fd/%s", (int)judge, n);
  int flags = strcmp(mode, "r") == 0 ? O_RDONLY : strcmp(mode, "w") == 0 ? O_WRONLY : O_RDWR;
  int fd = open(path, flags | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENXIO && flags == O_WRONLY) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) return -1;
    close(p[0]);
    return p[1];
  }
  if (fd < 0) return -1;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) { close(fd); return -1; }
  return fd;
}

/* /dev/null for a box: opened through a read-only mount of it where the launcher may make one
 * (as root), so that no program can set the host node's times (a channel between boxes: the
 * node is mode 0666, and setting times to now needs only write access). */
static int null_tree = -2;
static int open_null(void) {
  if (null_tree == -2) {
    int t = (int)syscall(SYS_open_tree, AT_FDCWD, "/dev/null", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
    struct mount_attr ro; memset(&ro, 0, sizeof ro);
    ro.attr_set = MOUNT_ATTR_RDONLY;
    if (t >= 0 && syscall(SYS_mount_setattr, t, "", AT_EMPTY_PATH, &ro, sizeof ro) != 0) { close(t); t = -1; }
    null_tree = t >= 0 ? t : -1;
  }
  if (null_tree >= 0) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", null_tree);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd >= 0) return fd;
  }
  return open("/dev/null", O_RDWR | O_CLOEXEC);
}

/* An fd for a box's TARGET as HOW says (null, or fd:N:MODE: the judge's fd N); -1 with errno set. */
static int lent_fd(const char *how, const char **what) {
  if (strcmp(how, "null") == 0) {
    *what = "/dev/null";
    return open_null();
  }
  if (strncmp(how, "fd:", 3) == 0) {
    char num[16]; const char *colon = strchr(how + 3, ':');
    size_t len = colon ? (size_t)(colon - (how + 3)) : 0;
    *what = "the judge's fd";
    if (colon && len > 0 && len < sizeof num) { memcpy(num, how + 3, len); num[len] = 0; return judge_fd(num, colon + 1); }
  }
  *what = how;
  errno = EINVAL;
  return -1;
}

static void start_run(char **f, int nf) {
  /* run ID NFDS (TARGET HOW)... NARGS ARG...; warm ID NFDS (TARGET HOW)... CONTROL NARGS ARG... */
  if (nf < 4) return;
  const char *id = f[1];
  int warm = strcmp(f[0], "warm") == 0;
  int nfds = atoi(f[2]);
  if (nfds < 0 || nfds + warm > MAX_FDS || 3 + 2 * nfds + warm >= nf) { failed(id, "bad request", EINVAL); return; }
  int nargs = atoi(f[3 + 2 * nfds + warm]);
  if (nargs < 1 || 4 + 2 * nfds + warm + nargs > nf) { failed(id, "bad request", EINVAL); return; }
  struct run *r = NULL;
  for (int i = 0; i < MAX_RUNS; i++) if (!runs[i].used) { r = &runs[i]; break; }
  if (!r) { failed(id, "too many runs", EAGAIN); return; }
  memset(r, 0, sizeof *r);
  snprintf(r->id, sizeof r->id, "%s", id);
  r->overflow = -1;
  r->control = -1;
  r->box = r->serving = -1;

  int src[MAX_FDS], tgt[MAX_FDS], n = 0, err = 0;
  const char *what = "";
  for (int i = 0; i < nfds && !err; i++) {
    int target = atoi(f[3 + 2 * i]);
    const char *how = f[4 + 2 * i];
    int fd = -1;
    if (strncmp(how, "cap:", 4) == 0) {
      int p[2];
      what = "pipe";
      if (pipe2(p, O_CLOEXEC) == 0) {
        struct capture *c = &r->caps[r->ncap++];
        char *colon = strchr(how + 4, ':');
        c->target = target; c->fd = p[0]; c->cap = strtoull(how + 4, NULL, 10); c->kill = colon && colon[1] == '1';
        fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
        fd = p[1];
      }
    } else fd = lent_fd(how, &what);
    if (fd < 0 || (fd = high(fd)) < 0) { err = errno ? errno : EINVAL; break; }
    src[n] = fd; tgt[n] = target; n++;
  }
  if (warm && !err) {
    int sv[2];
    what = "socketpair";
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) err = errno ? errno : EINVAL;
    else if ((sv[0] = high(sv[0])) < 0) { err = errno ? errno : EINVAL; close(sv[1]); }
    else if ((sv[1] = high(sv[1])) < 0) { err = errno ? errno : EINVAL; close(sv[0]); }
    else { r->control = sv[0]; src[n] = sv[1]; tgt[n] = atoi(f[3 + 2 * nfds]); n++; }
  }
  pid_t pid = -1;
  if (!err) {
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    sigset_t none, defaults;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGCHLD); sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &defaults);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    for (int i = 0; i < n; i++) posix_spawn_file_actions_adddup2(&fa, src[i], tgt[i]);
    char **argv = f + 4 + 2 * nfds + warm;
    char *saved = argv[nargs]; argv[nargs] = NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    err = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
    argv[nargs] = saved;
    what = "spawn";
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
  }
  for (int i = 0; i < n; i++) close(src[i]);
  if (err) {
    for (int i = 0; i < r->ncap; i++) close(r->caps[i].fd);
    if (r->control >= 0) close(r->control);
    r->used = 0;
    failed(id, what, err);
    return;
  }
  r->used = 1; r->pid = pid;
  struct out o = {0};
  field(&o, "started"); field(&o, id); fieldn(&o, pid); send_frame(&o);
}

/* Sends one message of LEN bytes with N fds (SCM_RIGHTS) on SOCK; 0, or -1 with errno set. */
static int send_with_fds(int sock, const void *p, size_t len, const int *fds, int n) {
  union { char buf[CMSG_SPACE(3 * MAX_FDS * sizeof(int))]; struct cmsghdr align; } cm;
  struct iovec io = { (void *)p, len };
  struct msghdr m; memset(&m, 0, sizeof m);
  m.msg_iov = &io; m.msg_iovlen = 1;
  if (n > 3 * MAX_FDS) { errno = EINVAL; return -1; }
  if (n > 0) {
    m.msg_control = cm.buf; m.msg_controllen = CMSG_SPACE((size_t)n * sizeof(int));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN((size_t)n * sizeof(int));
    memcpy(CMSG_DATA(c), fds, (size_t)n * sizeof(int));
  }
  ssize_t sent;
  do sent = sendmsg(sock, &m, MSG_NOSIGNAL); while (sent < 0 && errno == EINTR);
  if (sent == (ssize_t)len) return 0;
  if (sent >= 0) errno = EMSGSIZE;
  return -1;
}

/* prep ID NPATHS PATH...: the cgroup procs files of box ID's next run, sent to box-init ('p'). */
static void prep_box(char **f, int nf) {
  struct run *b = find(f[1]);
  int n = nf > 2 ? atoi(f[2]) : -1, fds[8], k = 0, err = 0;
  if (!b || b->box >= 0 || b->control < 0 || b->serving >= 0 || b->reaped || n < 0 || n > 8 || 3 + n > nf) return;
  for (int i = 0; i < n && !err; i++) {
    int fd = open(f[3 + i], O_WRONLY | O_CLOEXEC);
    if (fd < 0) err = errno; else fds[k++] = fd;
  }
  if (!err && send_with_fds(b->control, "p", 1, fds, k) != 0) err = errno ? errno : EIO;
  for (int i = 0; i < k; i++) close(fds[i]);
  /* A box that cannot have its next run is of no use: its end tells the judge. */
  if (err) kill_box(b->pid);
}

/* go ID RUN NCAPS (TARGET BYTES KILL)... NFDS (TARGET HOW)... NMOUNTS (SOURCE TARGET RW)... NARGS ARG... */
static void go_run(char **f, int nf) {
  if (nf < 3) return;
  const char *id = f[2];
  struct run *b = find(f[1]);
  if (!b || b->box >= 0 || b->control < 0 || b->serving >= 0 || b->reaped) { failed(id, "the prepared box is gone", ESRCH); return; }
  struct run *r = NULL;
  for (int i = 0; i < MAX_RUNS; i++) if (!runs[i].used) { r = &runs[i]; break; }
  if (!r) { failed(id, "too many runs", EAGAIN); return; }
  memset(r, 0, sizeof *r);
  snprintf(r->id, sizeof r->id, "%s", id);
  r->overflow = -1; r->serving = -1; r->box = (int)(b - runs); r->pid = b->pid; r->control = b->control;
  int at = 3, err = EINVAL, n = 0;
  const char *what = "bad request";
  int fds[3 * MAX_FDS];
  struct out msg = {0}, targets = {0};
  #define NEED(k) if (at + (k) > nf) goto out
  NEED(1); int ncaps = atoi(f[at++]);
  if (ncaps < 0 || ncaps > MAX_FDS) goto out;
  NEED(3 * ncaps);
  for (int i = 0; i < ncaps; i++, at += 3) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) { err = errno; what = "pipe"; goto out; }
    struct capture *c = &r->caps[r->ncap++];
    c->target = atoi(f[at]); c->fd = p[0]; c->cap = strtoull(f[at + 1], NULL, 10); c->kill = strcmp(f[at + 2], "1") == 0;
    fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
    fds[n++] = p[1];
    field(&targets, f[at]);
  }
  NEED(1); int nfds = atoi(f[at++]);
  if (nfds < 0 || nfds > MAX_FDS) goto out;
  NEED(2 * nfds);
  fieldn(&msg, ncaps + nfds);
  put(&msg, targets.p, targets.len);
  for (int i = 0; i < nfds; i++, at += 2) {
    int fd = lent_fd(f[at + 1], &what);
    if (fd < 0) { err = errno; goto out; }
    fds[n++] = fd;
    field(&msg, f[at]);
  }
  NEED(1); int nmounts = atoi(f[at++]);
  if (nmounts < 0 || nmounts > MAX_FDS) goto out;
  NEED(3 * nmounts);
  fieldn(&msg, nmounts);
  for (int i = 0; i < nmounts; i++, at += 3) {
    int tree = (int)syscall(SYS_open_tree, AT_FDCWD, f[at], OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
    if (tree < 0) { err = errno; what = f[at]; goto out; }
    fds[n++] = tree;
    field(&msg, f[at + 1]); field(&msg, f[at + 2]);
  }
  NEED(1); int nargs = atoi(f[at++]);
  if (nargs < 1) goto out;
  NEED(nargs);
  fieldn(&msg, nargs);
  for (int i = 0; i < nargs; i++) field(&msg, f[at++]);
  #undef NEED
  if (send_with_fds(r->control, msg.p, msg.len, fds, n) != 0) { err = errno ? errno : EMSGSIZE; what = "send the run to the box"; goto out; }
  err = 0;
out:
  /* Ours, including the captures' write ends: the keeper has its copies. */
  for (int i = 0; i < n; i++) close(fds[i]);
  free(msg.p); free(targets.p);
  if (err) {
    for (int i = 0; i < r->ncap; i++) close(r->caps[i].fd);
    r->used = 0;
    kill_box(b->pid);
    failed(id, what, err);
    return;
  }
  r->used = 1; r->awaiting = 1; b->serving = (int)(r - runs);
  clock_gettime(CLOCK_MONOTONIC, &r->start);
}

static void finish_if_done(struct run *r);

/* A run in a box ended: STATUS is its keeper's report (a wait status), or -1 when the box ended
 * without one (killed, or broken): the judge tells the two apart. The box may take the next. */
static void run_ended(struct run *r, int status) {
  struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
  r->reaped = 1; r->status = status; r->awaiting = 0;
  r->wall_us = (now.tv_sec - r->start.tv_sec) * 1000000LL + (now.tv_nsec - r->start.tv_nsec) / 1000;
  runs[r->box].serving = -1;
  struct out o = {0};
  field(&o, "exited"); field(&o, r->id); send_frame(&o);
  finish_if_done(r);
}

/* The keeper's report of its run's end ('x STATUS'), if one is there; -2 when none is yet, -1 when none will come. */
static int report(struct run *r) {
  char m[32]; ssize_t n;
  do n = recv(r->control, m, sizeof m - 1, MSG_DONTWAIT); while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EAGAIN) return -2;
  if (n < 2 || m[0] != 'x') return -1;
  m[n] = 0;
  return atoi(m + 1);
}

/* The keeper's acknowledgement of run r (or the box's end, box_gone: then whatever the keeper sent
 * is already queued, or is refused). A run that was never acknowledged never ran: failed. */
static void acknowledged(struct run *r, int box_gone) {
  char b;
  ssize_t n;
  /* From here the keeper's answer either is already queued or fails (EPIPE), so that a run is
   * never both reported failed and run. */
  if (box_gone) shutdown(r->control, SHUT_RDWR);
  do n = recv(r->control, &b, 1, MSG_DONTWAIT); while (n < 0 && errno == EINTR);
  if (n < 0 && errno == EAGAIN && !box_gone) return;
  r->awaiting = 0;
  if (n != 1 || b != 'r') {
    runs[r->box].serving = -1;
    for (int i = 0; i < r->ncap; i++) if (r->caps[i].fd >= 0) close(r->caps[i].fd);
    r->used = 0;
    if (!box_gone) kill_box(r->pid);
    failed(r->id, "the prepared box ended before its run", ESRCH);
    return;
  }
  clock_gettime(CLOCK_MONOTONIC, &r->start);
  struct out o = {0};
  field(&o, "started"); field(&o, r->id); fieldn(&o, r->pid); send_frame(&o);
  if (box_gone) { int st = report(r); run_ended(r, st < 0 ? -1 : st); }
}

/* The control socket of box b, which serves a run, is readable: the acknowledgement, or the report. */
static void box_message(struct run *b) {
  struct run *r = &runs[b->serving];
  if (r->awaiting) { acknowledged(r, 0); return; }
  int st = report(r);
  if (st == -2) return;
  /* No report: the keeper is broken, and so is the box. */
  if (st < 0) kill_box(b->pid);
  run_ended(r, st);
}

static void finish_if_done(struct run *r) {
  if (!r->reaped) return;
  for (int i = 0; i < r->ncap; i++) if (r->caps[i].fd >= 0) return;
  struct out o = {0};
  field(&o, "done"); field(&o, r->id); fieldn(&o, r->status); fieldn(&o, r->wall_us); fieldn(&o, r->overflow); fieldn(&o, r->ncap);
  for (int i = 0; i < r->ncap; i++) { fieldn(&o, r->caps[i].target); fieldn(&o, (long long)r->caps[i].len); }
  for (int i = 0; i < r->ncap; i++) { if (r->caps[i].len) put(&o, r->caps[i].buf, r->caps[i].len); free(r->caps[i].buf); }
  send_frame(&o);
  r->used = 0;
}

static void read_capture(struct run *r, struct capture *c) {
  char buf[65536];
  for (;;) {
    ssize_t n = read(c->fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) { close(c->fd); c->fd = -1; finish_if_done(r); return; }
    c->seen += (size_t)n;
    if (c->len < c->cap) {
      size_t keep = (size_t)n < c->cap - c->len ? (size_t)n : c->cap - c->len;
      if (c->len + keep > c->size) {
        /* Doubling: a flood of 64 MiB is a few dozen reallocations, not a copy per read. */
        size_t size = c->size ? c->size * 2 : 65536;
        while (size < c->len + keep) size *= 2;
        if (size > c->cap) size = c->cap;
        char *grown = realloc(c->buf, size);
        if (!grown) die("realloc");
        c->buf = grown; c->size = size;
      }
      memcpy(c->buf + c->len, buf, keep); c->len += keep;
    }
    if (c->seen > c->cap && c->kill && r->overflow < 0) {
      r->overflow = c->target;
      if (!r->reaped) kill_box(r->pid);
    }
  }
}

static void reap(void) {
  int st; pid_t pid;
  while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
    for (int i = 0; i < MAX_RUNS; i++) {
      struct run *r = &runs[i];
      if (!r->used || r->pid != pid || r->reaped || r->box >= 0) continue;
      struct timespec now; clock_gettime(CLOCK_MONOTONIC, &now);
      r->reaped = 1; r->status = st;
      /* A prepared box reaped while it served a run: see acknowledged, and report (the keeper's
       * report may be queued). One reaped between runs: box-init, if anything still holds it up,
       * sees EOF and exits. */
      if (r->serving >= 0) {
        struct run *x = &runs[r->serving];
        if (x->awaiting) acknowledged(x, 1);
        else { int rs = report(x); run_ended(x, rs < 0 ? -1 : rs); }
      }
      if (r->control >= 0) { close(r->control); r->control = -1; }
      r->wall_us = (now.tv_sec - r->start.tv_sec) * 1000000LL + (now.tv_nsec - r->start.tv_nsec) / 1000;
      struct out o = {0};
      field(&o, "exited"); field(&o, r->id); send_frame(&o);
      finish_if_done(r);
    }
  }
}

static char *in; static size_t in_len, in_size;

static void handle(char *p, size_t n) {
  int nf = 0;
  for (size_t i = 0; i < n; i++) if (p[i] == 0) nf++;
  char **f = calloc((size_t)nf + 1, sizeof *f);
  if (!f) die("calloc");
  nf = 0;
  for (size_t at = 0; at < n;) {
    char *end = memchr(p + at, 0, n - at);
    if (!end) break;
    f[nf++] = p + at; at = (size_t)(end - p) + 1;
  }
  if (nf >= 1 && (strcmp(f[0], "run") == 0 || strcmp(f[0], "warm") == 0)) start_run(f, nf);
  else if (nf >= 3 && strcmp(f[0], "go") == 0) go_run(f, nf);
  else if (nf >= 3 && strcmp(f[0], "prep") == 0) prep_box(f, nf);
  else if (nf >= 3 && strcmp(f[0], "fifo") == 0) {
    if (mkfifo(f[2], 0600) != 0) failed(f[1], "mkfifo", errno);
    else { struct out o = {0}; field(&o, "made"); field(&o, f[1]); send_frame(&o); }
  }
  else if (nf >= 2 && strcmp(f[0], "kill") == 0) {
    struct run *r = find(f[1]);
    if (r && !r->reaped) kill_box(r->pid);
  }
  free(f);
}

int main(void) {
  /* Only stdin, stdout and stderr: whatever else the judge's process inherited stays out of the boxes. */
  if (syscall(SYS_close_range, 3U, ~0U, 0U) != 0) for (int fd = 3; fd < 65536; fd++) close(fd);
  judge = getppid();
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) die("PR_SET_PDEATHSIG");
  if (getppid() != judge) _exit(0);
  signal(SIGPIPE, SIG_IGN);
  if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) != 0) die("pipe");
  struct sigaction sa; memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_chld; sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, NULL);
  fcntl(0, F_SETFD, FD_CLOEXEC); fcntl(1, F_SETFD, FD_CLOEXEC);
  static struct pollfd pf[2 + MAX_RUNS * (MAX_FDS + 1)];
  static struct { struct run *r; struct capture *c; } who[2 + MAX_RUNS * (MAX_FDS + 1)];
  for (;;) {
    int np = 0;
    pf[np].fd = 0; pf[np].events = POLLIN; np++;
    pf[np].fd = sig_pipe[0]; pf[np].events = POLLIN; np++;
    for (int i = 0; i < MAX_RUNS; i++) {
      if (!runs[i].used) continue;
      for (int j = 0; j < runs[i].ncap; j++) {
        if (runs[i].caps[j].fd < 0) continue;
        who[np].r = &runs[i]; who[np].c = &runs[i].caps[j];
        pf[np].fd = runs[i].caps[j].fd; pf[np].events = POLLIN; np++;
      }
      if (runs[i].box < 0 && runs[i].serving >= 0 && runs[i].control >= 0) { who[np].r = &runs[i]; who[np].c = NULL; pf[np].fd = runs[i].control; pf[np].events = POLLIN; np++; }
    }
    if (poll(pf, (nfds_t)np, -1) < 0) { if (errno == EINTR) continue; die("poll"); }
    if (pf[1].revents) { char b[64]; while (read(sig_pipe[0], b, sizeof b) > 0) {} reap(); }
    for (int i = 2; i < np; i++) {
      if (!pf[i].revents || !who[i].r->used) continue;
      if (!who[i].c) { if (who[i].r->serving >= 0 && who[i].r->control == pf[i].fd) box_message(who[i].r); }
      else if (who[i].c->fd == pf[i].fd) read_capture(who[i].r, who[i].c);
    }
    if (pf[0].revents) {
      if (in_len + 65536 > in_size) { in_size = (in_len + 65536) * 2; in = realloc(in, in_size); if (!in) die("realloc"); }
      ssize_t n = read(0, in + in_len, in_size - in_len);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        for (int i = 0; i < MAX_RUNS; i++) if (runs[i].used && !runs[i].reaped) kill_box(runs[i].pid);
        _exit(0);
      }
      in_len += (size_t)n;
      size_t at = 0;
      while (in_len - at >= 4) {
        unsigned char *h = (unsigned char *)in + at;
        size_t len = h[0] | (h[1] << 8) | (h[2] << 16) | ((size_t)h[3] << 24);
        if (in_len - at - 4 < len) break;
        handle(in + at + 4, len);
        at += 4 + len;
      }
      memmove(in, in + at, in_len - at); in_len -= at;
    }
  }
}
`;
