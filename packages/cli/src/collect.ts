/** Commander helper for repeatable options: each use adds to the list. Kept apart so --help and --version load nothing heavy. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
