/** The shape of a language's texts: the same keys as zh-CN, every leaf a string (so no language misses a text). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }
