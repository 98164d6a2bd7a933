const EMPTY_MAP: ReadonlyMap<unknown, unknown> = new Map();

/** The one empty map, shared by every model that has nothing to hold (20,000 services have no labels). */
export function emptyMap<K, V>(): ReadonlyMap<K, V> {
  return EMPTY_MAP as ReadonlyMap<K, V>;
}

/**
 * The items that are not null. `map` sizes its array exactly where `push` (and so `filter` and
 * `flatMap`) leaves room for 17: the lists the model keeps are the first kind.
 */
export function present<T>(items: (T | null)[]): T[] {
  return items.includes(null) ? items.filter((item): item is T => item !== null) : (items as T[]);
}

/** Appends `value` to the list at `key`; a new list is `[value]`, sized for one (a pushed one has room for 17). */
export function appendAt<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The value at `key`, created with `create` the first time. */
export function getOrInsert<K, V>(
  map: { get(key: K): V | undefined; set(key: K, value: V): unknown },
  key: K,
  create: () => V,
): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
