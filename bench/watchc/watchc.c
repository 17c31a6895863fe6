// watchc PORT COUNT REQUEST_FILE [STREAMS]: a load driver that costs the machine as little as possible per watch, so that on a
// machine where it shares the cores with the server, what it measures is the server. It opens COUNT
// connections to 127.0.0.1:PORT, sends each the request in REQUEST_FILE (one HTTP/1.1 request, sent as is),
// prints "sent" when every request has been written, then reads every answer (status line, headers and
// Content-Length bytes of body) with one epoll loop and, once all are in (or 120 s pass), prints "done" (or
// "incomplete") and one line per watch: "<status> <read> <arrived>", both CLOCK_MONOTONIC ns: when this program
// read the answer's last byte, and when that byte arrived in its socket (the kernel's receive timestamp,
// SO_TIMESTAMPNS: when the answer reached the consumer, however late the consumer got round to reading it).
// .NET's Stopwatch reads the same clock on Linux, so the orchestrator (WatchLoad) subtracts its own timestamp of
// the publish. The connections are closed only when stdin ends, so that their teardown is outside whatever the
// orchestrator measures. With WATCHC_IDLE=1 in the environment the driver drops to SCHED_IDLE once every request is
// sent, so that it reads only when the server leaves a core idle: on a machine where the two share the cores, the
// arrival times are then close to what a consumer on another machine would see (the loopback receive work stays
// on the server's side of the ledger, so they err on the slow side).
// With STREAMS, the watches go over HTTP/2 with prior knowledge (h2c), STREAMS per connection: the same request
// (path, authority, headers) as HEADERS frames, answers complete on END_STREAM; no HPACK decoding beyond :status.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int fd;
    int sent;          // bytes of the request written
    int head_len;      // bytes kept in head until the end of the headers is seen
    int body_expected; // -1 until the headers are read
    int body_read;
    int status;
    long long done_ns;
    long long arrived_ns;
    char head[2048];
} watch_t;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what) {
    fprintf(stderr, "watchc: %s: %s\n", what, strerror(errno));
    exit(2);
}

// Kernel receive timestamps are CLOCK_REALTIME; the orchestrator works in CLOCK_MONOTONIC.
static long long realtime_minus_monotonic;

static void measure_clocks(void) {
    struct timespec real;
    long long before = now_ns();
    clock_gettime(CLOCK_REALTIME, &real);
    long long after = now_ns();
    realtime_minus_monotonic = (long long)real.tv_sec * 1000000000LL + real.tv_nsec - (before + after) / 2;
}

static void stamp_arrivals(int fd) {
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) < 0) fail("SO_TIMESTAMPNS");
}

// recv(MSG_DONTWAIT) that also gives when the last of the bytes read arrived (CLOCK_MONOTONIC ns; 0 if the kernel gave none).
static int recv_stamped(int fd, char *buffer, int len, long long *arrived) {
    struct iovec io = { .iov_base = buffer, .iov_len = len };
    union { char space[CMSG_SPACE(sizeof(struct timespec))]; struct cmsghdr align; } control;
    struct msghdr message = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = control.space, .msg_controllen = sizeof control.space };
    int n = (int)recvmsg(fd, &message, MSG_DONTWAIT);
    *arrived = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&message); n > 0 && c; c = CMSG_NXTHDR(&message, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
            struct timespec t;
            memcpy(&t, CMSG_DATA(c), sizeof t);
            *arrived = (long long)t.tv_sec * 1000000000LL + t.tv_nsec - realtime_minus_monotonic;
        }
    }
    return n;
}

// Called once every request is written: from here on the driver only reads.
static void yield_cores_if_asked(void) {
    const char *idle = getenv("WATCHC_IDLE");
    if (idle && strcmp(idle, "1") == 0) {
        struct sched_param none = { 0 };
        if (sched_setscheduler(0, SCHED_IDLE, &none) < 0) fail("sched_setscheduler(SCHED_IDLE)");
    }
}

// Returns 1 when the answer is complete.
static int take(watch_t *w, const char *data, int n) {
    if (w->body_expected < 0) {
        int room = (int)sizeof w->head - w->head_len;
        int copy = n < room ? n : room;
        memcpy(w->head + w->head_len, data, copy);
        w->head_len += copy;
        char *end = memmem(w->head, w->head_len, "\r\n\r\n", 4);
        if (!end) {
            if (w->head_len == (int)sizeof w->head) { fprintf(stderr, "watchc: headers too long\n"); exit(2); }
            return 0;
        }
        int header_bytes = (int)(end - w->head) + 4;
        w->status = atoi(w->head + 9);
        w->body_expected = 0;
        for (char *line = w->head; line < end; ) {
            char *eol = memmem(line, end - line + 2, "\r\n", 2);
            if (strncasecmp(line, "Content-Length:", 15) == 0) w->body_expected = atoi(line + 15);
            line = eol + 2;
        }
        // What came after the headers in this read (and the earlier ones kept in head) is body.
        w->body_read = w->head_len - header_bytes + (n - copy);
    } else {
        w->body_read += n;
    }
    return w->body_read >= w->body_expected;
}

// ---- HTTP/2 (h2c, prior knowledge) ----

typedef struct {
    int fd;
    int first;      // index of this connection's first watch
    int streams;
    int len;        // bytes buffered in buf
    char buf[1 << 17];
} conn_t;

static int hpack_int(unsigned char *out, int prefix_bits, unsigned char first, unsigned value) {
    unsigned max = (1u << prefix_bits) - 1;
    int n = 0;
    if (value < max) { out[n++] = first | value; return n; }
    out[n++] = first | max;
    value -= max;
    while (value >= 128) { out[n++] = (value & 127) | 128; value >>= 7; }
    out[n++] = value;
    return n;
}

static int hpack_string(unsigned char *out, const char *text, int len) {
    int n = hpack_int(out, 7, 0, len);
    memcpy(out + n, text, len);
    return n + len;
}

static void frame_header(unsigned char *out, int length, int type, int flags, unsigned stream) {
    out[0] = length >> 16; out[1] = length >> 8; out[2] = length;
    out[3] = type; out[4] = flags;
    out[5] = stream >> 24; out[6] = stream >> 16; out[7] = stream >> 8; out[8] = stream;
}

static void write_all(int fd, const void *data, int len) {
    const char *p = data;
    while (len > 0) {
        int n = (int)write(fd, p, len);
        if (n < 0) { if (errno == EAGAIN || errno == EINTR) { usleep(100); continue; } fail("write"); }
        p += n; len -= n;
    }
}

// The HTTP/1.1 request turned into one HPACK header block (no indexing, no Huffman).
static int header_block(const char *request, int request_len, unsigned char *out) {
    int n = 0;
    out[n++] = 0x82; // :method GET
    out[n++] = 0x86; // :scheme http
    const char *line_end = memmem(request, request_len, "\r\n", 2);
    const char *path = strchr(request, ' ') + 1;
    const char *path_end = memchr(path, ' ', line_end - path);
    n += hpack_int(out + n, 4, 0x00, 4); // :path, literal without indexing, name from the static table
    n += hpack_string(out + n, path, (int)(path_end - path));
    for (const char *line = line_end + 2; line < request + request_len; ) {
        const char *eol = memmem(line, request + request_len - line, "\r\n", 2);
        if (!eol || eol == line) break;
        const char *colon = memchr(line, ':', eol - line);
        const char *value = colon + 1;
        while (*value == ' ') value++;
        char name[64];
        int name_len = (int)(colon - line);
        for (int i = 0; i < name_len; i++) name[i] = (char)tolower((unsigned char)line[i]);
        if (name_len == 4 && memcmp(name, "host", 4) == 0) {
            n += hpack_int(out + n, 4, 0x00, 1); // :authority
        } else {
            out[n++] = 0x00;
            n += hpack_string(out + n, name, name_len);
        }
        n += hpack_string(out + n, value, (int)(eol - value));
        line = eol + 2;
    }
    return n;
}

static int status_of(const unsigned char *block, int len) {
    if (len < 1) return 0;
    if (block[0] == 0x88) return 200;
    if (block[0] == 0x8b) return 304;
    if (block[0] == 0x8c) return 400;
    if (block[0] == 0x8d) return 404;
    // A literal :status (static name index 8) with a plain three-digit value.
    if (((block[0] & 0xc0) == 0x40 && (block[0] & 0x3f) == 8) || block[0] == 0x08) {
        if (len >= 5 && block[1] == 3) return (block[2] - '0') * 100 + (block[3] - '0') * 10 + (block[4] - '0');
    }
    return 1;
}

static int run_h2(int port, int count, int streams, const char *request, int request_len, watch_t *watches) {
    unsigned char block[4096];
    int block_len = header_block(request, request_len, block);
    int conns = (count + streams - 1) / streams;
    conn_t **all = calloc(conns, sizeof *all);
    int ep = epoll_create1(0);
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    for (int c = 0; c < conns; c++) {
        conn_t *conn = all[c] = calloc(1, sizeof *conn);
        conn->first = c * streams;
        conn->streams = count - conn->first < streams ? count - conn->first : streams;
        conn->fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(conn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        stamp_arrivals(conn->fd);
        if (connect(conn->fd, (struct sockaddr *)&to, sizeof to) < 0) fail("connect");
        // Preface, SETTINGS (no push, a 1 GiB stream window), and a 1 GiB connection window: the server never waits for us.
        unsigned char out[64];
        write_all(conn->fd, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 24);
        frame_header(out, 12, 4, 0, 0);
        unsigned char settings[12] = { 0, 2, 0, 0, 0, 0, 0, 4, 0x40, 0, 0, 0 };
        memcpy(out + 9, settings, 12);
        frame_header(out + 21, 4, 8, 0, 0);
        out[30] = 0x3f; out[31] = 0xff; out[32] = 0; out[33] = 0;
        write_all(conn->fd, out, 34);
        for (int s = 0; s < conn->streams; s++) {
            unsigned char header[9];
            frame_header(header, block_len, 1, 0x5, 1 + 2 * s); // END_STREAM | END_HEADERS
            write_all(conn->fd, header, 9);
            write_all(conn->fd, block, block_len);
        }
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = conn };
        if (epoll_ctl(ep, EPOLL_CTL_ADD, conn->fd, &ev) < 0) fail("epoll_ctl");
    }
    printf("sent\n");
    fflush(stdout);
    yield_cores_if_asked();

    int remaining = count;
    long long give_up = now_ns() + 120LL * 1000000000LL;
    struct epoll_event events[256];
    while (remaining > 0 && now_ns() < give_up) {
        int ready = epoll_wait(ep, events, 256, 1000);
        if (ready < 0) { if (errno == EINTR) continue; fail("epoll_wait"); }
        for (int e = 0; e < ready; e++) {
            conn_t *conn = events[e].data.ptr;
            long long arrived;
            int n = recv_stamped(conn->fd, conn->buf + conn->len, (int)sizeof conn->buf - conn->len, &arrived);
            if (n == 0) { fprintf(stderr, "watchc: the server closed an HTTP/2 connection\n"); return 1; }
            if (n < 0) { if (errno == EAGAIN || errno == EINTR) continue; fail("recv"); }
            conn->len += n;
            int at = 0;
            while (conn->len - at >= 9) {
                unsigned char *f = (unsigned char *)conn->buf + at;
                int length = (f[0] << 16) | (f[1] << 8) | f[2], type = f[3], flags = f[4];
                unsigned stream = ((f[5] & 0x7f) << 24) | (f[6] << 16) | (f[7] << 8) | f[8];
                if (conn->len - at < 9 + length) break;
                unsigned char *payload = f + 9;
                watch_t *w = stream ? &watches[conn->first + (stream - 1) / 2] : NULL;
                if (type == 4 && !(flags & 1)) {
                    unsigned char ack[9];
                    frame_header(ack, 0, 4, 1, 0);
                    write_all(conn->fd, ack, 9);
                } else if (type == 6 && !(flags & 1)) {
                    unsigned char pong[17];
                    frame_header(pong, 8, 6, 1, 0);
                    memcpy(pong + 9, payload, 8);
                    write_all(conn->fd, pong, 17);
                } else if (type == 7) {
                    fprintf(stderr, "watchc: GOAWAY from the server\n");
                    return 1;
                } else if (w && (type == 1 || type == 0 || type == 3) && !w->done_ns) {
                    if (type == 1) w->status = status_of(payload, length);
                    if (type == 0) w->body_read += length;
                    if (type == 3) w->status = 0;
                    if (type == 3 || (flags & 1)) { w->done_ns = now_ns(); w->arrived_ns = arrived; remaining--; }
                }
                at += 9 + length;
            }
            memmove(conn->buf, conn->buf + at, conn->len - at);
            conn->len -= at;
        }
    }
    printf(remaining == 0 ? "done\n" : "incomplete\n");
    fflush(stdout);
    for (int i = 0; i < count; i++) printf("%d %lld %lld\n", watches[i].status, watches[i].done_ns, watches[i].arrived_ns);
    fflush(stdout);
    while (getchar() != EOF) {}
    for (int c = 0; c < conns; c++) close(all[c]->fd);
    return remaining == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) { fprintf(stderr, "usage: watchc PORT COUNT REQUEST_FILE [STREAMS]\n"); return 2; }
    int port = atoi(argv[1]), count = atoi(argv[2]);
    static char request[8192];
    FILE *file = fopen(argv[3], "rb");
    if (!file) fail("request file");
    int request_len = (int)fread(request, 1, sizeof request, file);
    fclose(file);
    watch_t *watches = calloc(count, sizeof *watches);
    measure_clocks();
    if (argc == 5) return run_h2(port, count, atoi(argv[4]), request, request_len, watches);
    int ep = epoll_create1(0);
    if (ep < 0) fail("epoll_create1");
    struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };

    // Connect and send in batches: a blocking connect on loopback is quick, and the request fits a socket buffer.
    for (int i = 0; i < count; i++) {
        watch_t *w = &watches[i];
        w->body_expected = -1;
        w->fd = socket(AF_INET, SOCK_STREAM, 0);
        if (w->fd < 0) fail("socket");
        int one = 1;
        setsockopt(w->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        stamp_arrivals(w->fd);
        while (connect(w->fd, (struct sockaddr *)&to, sizeof to) < 0) {
            if (errno != EAGAIN && errno != EINTR) fail("connect");
            usleep(1000);
        }
        if (write(w->fd, request, request_len) != request_len) fail("write");
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = w };
        if (epoll_ctl(ep, EPOLL_CTL_ADD, w->fd, &ev) < 0) fail("epoll_ctl");
    }
    printf("sent\n");
    fflush(stdout);
    yield_cores_if_asked();

    static char buffer[65536];
    struct epoll_event events[256];
    int remaining = count;
    long long give_up = now_ns() + 120LL * 1000000000LL;
    while (remaining > 0 && now_ns() < give_up) {
        int ready = epoll_wait(ep, events, 256, 1000);
        if (ready < 0) { if (errno == EINTR) continue; fail("epoll_wait"); }
        for (int e = 0; e < ready; e++) {
            watch_t *w = events[e].data.ptr;
            if (w->done_ns) continue;
            for (;;) {
                long long arrived;
                int n = recv_stamped(w->fd, buffer, (int)sizeof buffer, &arrived);
                if (n > 0) {
                    if (take(w, buffer, n)) {
                        w->done_ns = now_ns();
                        w->arrived_ns = arrived;
                        remaining--;
                        epoll_ctl(ep, EPOLL_CTL_DEL, w->fd, NULL);
                        break;
                    }
                    if (n < (int)sizeof buffer) break; // level-triggered: the rest comes with the next wakeup
                } else if (n == 0) {
                    fprintf(stderr, "watchc: the server closed a connection before the whole answer\n");
                    w->done_ns = now_ns();
                    w->status = 0;
                    remaining--;
                    epoll_ctl(ep, EPOLL_CTL_DEL, w->fd, NULL);
                    break;
                } else {
                    if (errno != EAGAIN && errno != EINTR) fail("read");
                    break;
                }
            }
        }
    }
    // First a line that says whether every answer is in (the orchestrator reads the server's CPU time then), then the answers.
    printf(remaining == 0 ? "done\n" : "incomplete\n");
    fflush(stdout);
    for (int i = 0; i < count; i++) printf("%d %lld %lld\n", watches[i].status, watches[i].done_ns, watches[i].arrived_ns);
    fflush(stdout);
    while (getchar() != EOF) {}
    for (int i = 0; i < count; i++) close(watches[i].fd);
    return remaining == 0 ? 0 : 1;
}
