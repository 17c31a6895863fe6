// floor PORT THREADS BODY_FILE: the least a server can do for a watch on this machine, to compare Kestrel with.
// Accepts connections on 127.0.0.1:PORT and parks each one once its request headers are in; on the line "go" on
// stdin it writes every parked connection one fixed HTTP/1.1 200 answer (the body from BODY_FILE) with one send(),
// spread over THREADS threads, and prints "sent <ns>" when all are written. "count" prints how many are parked.
// Driven by bench/floor.sh with bench/watchc as the client. No parsing beyond the end of the headers.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int parked[200000];
static volatile int parked_count;
static char *answer;
static int answer_len;
static int threads;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *acceptor(void *arg) {
    int listener = *(int *)arg;
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = listener };
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
    struct epoll_event events[256];
    char buffer[4096];
    for (;;) {
        int ready = epoll_wait(ep, events, 256, -1);
        for (int e = 0; e < ready; e++) {
            int fd = events[e].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    int one = 1;
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event cev = { .events = EPOLLIN, .data.fd = client };
                    epoll_ctl(ep, EPOLL_CTL_ADD, client, &cev);
                }
            } else {
                // Requests are small and arrive whole on loopback: one read, then the connection waits for "go".
                int n = (int)recv(fd, buffer, sizeof buffer, 0);
                if (n > 0 && memmem(buffer, n, "\r\n\r\n", 4)) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
                    pthread_mutex_lock(&lock);
                    parked[parked_count++] = fd;
                    pthread_mutex_unlock(&lock);
                }
            }
        }
    }
    return NULL;
}

static void *sender(void *arg) {
    long index = (long)arg;
    for (int i = (int)index; i < parked_count; i += threads) {
        if (send(parked[i], answer, answer_len, MSG_NOSIGNAL) != answer_len) perror("send");
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: floor PORT THREADS BODY_FILE\n"); return 2; }
    threads = atoi(argv[2]);
    FILE *file = fopen(argv[3], "rb");
    static char body[1 << 20];
    int body_len = (int)fread(body, 1, sizeof body, file);
    fclose(file);
    answer = malloc(body_len + 512);
    answer_len = sprintf(answer, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: application/json\r\nDate: Sun, 22 Nov 2026 00:00:00 GMT\r\nServer: floor\r\nCache-Control: private, no-cache\r\nETag: \"0123456789abcdef0123456789abcdef\"\r\nVary: Accept-Encoding\r\n\r\n", body_len);
    memcpy(answer + answer_len, body, body_len);
    answer_len += body_len;

    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in at = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(listener, (struct sockaddr *)&at, sizeof at) < 0 || listen(listener, 4096) < 0) { perror("listen"); return 2; }
    pthread_t accepting;
    pthread_create(&accepting, NULL, acceptor, &listener);
    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "count", 5) == 0) {
            printf("count %d\n", parked_count);
        } else if (strncmp(line, "go", 2) == 0) {
            printf("go %lld\n", now_ns());
            pthread_t senders[64];
            for (long t = 0; t < threads; t++) pthread_create(&senders[t], NULL, sender, (void *)t);
            for (int t = 0; t < threads; t++) pthread_join(senders[t], NULL);
            printf("sent %lld\n", now_ns());
        }
        fflush(stdout);
    }
    return 0;
}
