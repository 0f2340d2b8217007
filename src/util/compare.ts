// Code-point string order: the one sort order of everything lvscc emits (localeCompare varies by locale).

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
