/** The value at `key`, created with `create` the first time. */
export declare function getOrInsert<K, V>(map: Map<K, V>, key: K, create: () => V): V;
