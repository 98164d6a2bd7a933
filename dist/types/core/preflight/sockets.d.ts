/**
 * The listening sockets of a machine, from the text the operating system gives: Linux's
 * /proc/net tables, lsof's field output (macOS), netstat -ano (Windows). Pure parsers.
 */
export type SocketProtocol = "tcp" | "udp";
/** Who holds a socket, as far as this process can see. */
export type SocketOwner = {
    kind: "process";
    pid: number;
    command: string;
    user: string | null;
}
/** Not root: the process table of other users cannot be read; the socket table still says the uid. */
 | {
    kind: "hidden";
    uid: number | null;
}
/** No process of this pid namespace holds it (a container with host networking, a sandbox). */
 | {
    kind: "outside";
    uid: number | null;
};
export interface ListeningSocket {
    protocol: SocketProtocol;
    /** As the system prints it, normalised: 0.0.0.0, ::, 127.0.0.1, ::1, ::ffff:127.0.0.1. */
    address: string;
    port: number;
    uid: number | null;
    /** Linux: the socket's inode, to find its process. */
    inode: number | null;
    owner: SocketOwner | null;
}
/** `0100007F` -> 127.0.0.1; 32 hex digits -> an IPv6 address (4 words of 4 bytes, each in host order). */
export declare function decodeProcAddress(hex: string, littleEndian?: boolean): string | null;
/** RFC 5952 text of 16 bytes (longest zero run compressed, IPv4-mapped in dotted form). */
export declare function formatIpv6(bytes: number[]): string;
/**
 * One /proc/net table (tcp, tcp6, udp, udp6): the listening TCP sockets, and every UDP socket (a
 * connected one, state 01, holds its local port as much as an unconnected one, 07: a bind fails).
 * Lines that do not parse are skipped (the kernel's format is stable; a truncated read is not).
 */
export declare function parseProcNet(text: string, protocol: SocketProtocol, littleEndian?: boolean): ListeningSocket[];
/**
 * `lsof -nP -iTCP -sTCP:LISTEN -F pcuPtn` (and `-iUDP`): one field per line, `p` starting a
 * process, the file fields (`t` IPv4/IPv6, `P` protocol, `n` name) following. A TCP name with `->`
 * is a connection, not a listener.
 */
export declare function parseLsof(text: string, protocol: SocketProtocol): ListeningSocket[];
/**
 * Windows `netstat -ano`: `TCP 0.0.0.0:135 0.0.0.0:0 LISTENING 1052`, `UDP [::]:5353 *:* 2204`.
 * A TCP row listens when its foreign address is unspecified with port 0 (the state word is
 * translated on localised Windows: LISTENING, ABHÖREN, EN ESCUCHA ...).
 */
export declare function parseNetstat(text: string): ListeningSocket[];
/** Windows `tasklist /FO CSV /NH`: `"postgres.exe","3312","Services","0","25,000 K"` -> pid -> image name. */
export declare function parseTasklist(text: string): Map<number, string>;
