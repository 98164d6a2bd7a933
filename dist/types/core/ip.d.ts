/**
 * IP literals as Go's `net.ParseIP` accepts them (what compose uses for `host_ip`): dotted IPv4
 * without leading zeros, IPv6 with at most one `::`, an optional IPv4 tail, no zone.
 */
export type IpFamily = 4 | 6;
export interface ParsedIp {
    family: IpFamily;
    /** 16 bytes; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d), as Go does. */
    bytes: number[];
}
/** Parses an IP literal as Go's net.ParseIP does; null when it is not one. */
export declare function parseIp(s: string): ParsedIp | null;
/** True for 0.0.0.0 and ::, the addresses that bind every interface of their family. */
export declare function isUnspecified(ip: ParsedIp): boolean;
/** A canonical text for equality: IPv4 dotted, IPv6 as 32 hex digits. */
export declare function canonicalIp(ip: ParsedIp): string;
