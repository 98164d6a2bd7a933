export declare const MASK = "********";
/** `text` with every line masked but blank ones and `KEY=port` lines of port variables. */
export declare function maskEnvText(text: string, isPortVariable: (key: string) => boolean): string;
