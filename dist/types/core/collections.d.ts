/** The one empty map, shared by every model that has nothing to hold (20,000 services have no labels). */
export declare function emptyMap<K, V>(): ReadonlyMap<K, V>;
/**
 * The items that are not null. `map` sizes its array exactly where `push` (and so `filter` and
 * `flatMap`) leaves room for 17: the lists the model keeps are the first kind.
 */
export declare function present<T>(items: (T | null)[]): T[];
/** Appends `value` to the list at `key`; a new list is `[value]`, sized for one (a pushed one has room for 17). */
export declare function appendAt<K, V>(map: Map<K, V[]>, key: K, value: V): void;
/** The value at `key`, created with `create` the first time. */
export declare function getOrInsert<K, V>(map: {
    get(key: K): V | undefined;
    set(key: K, value: V): unknown;
}, key: K, create: () => V): V;
