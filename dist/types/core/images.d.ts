export interface KnownImage {
    /** Container ports the image listens on; the first is its main port. */
    ports: {
        port: number;
        name: string;
    }[];
    /** Directories holding the data; empty when the image keeps nothing worth a volume. */
    dataDirs: string[];
}
export interface ImageName {
    /** Registry host when one is written (`quay.io`), else "". */
    registry: string;
    /** Repository path without registry, tag or digest (`docker.io/library/` removed): `postgres`, `timescale/timescaledb`. */
    path: string;
}
/** Splits an image reference the way docker does: `[registry/]path[:tag][@digest]`. */
export declare function parseImageName(reference: string): ImageName;
/** Matches an image pattern against a reference: on the path, or on registry/path when the pattern has a registry. */
export declare function imageMatches(pattern: string, image: ImageName): boolean;
/** What is known about an image, or null. */
export declare function knownImage(image: ImageName | null): KnownImage | null;
