/** The value at `key`, created with `create` the first time. */
export declare function getOrInsert<K, V>(map: {
    get(key: K): V | undefined;
    set(key: K, value: V): unknown;
}, key: K, create: () => V): V;
