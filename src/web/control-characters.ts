// Control characters have no place in anything a person types: PostgreSQL refuses NUL in text
// (22021) and the others only hide a mistake or an attack. Tabs and line breaks stay allowed.

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return FORBIDDEN.test(text);
}

/** The field (« message », « adresse.ville ») of the first text holding a control character, or null. */
export function findControlCharacter(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return hasControlCharacter(value) ? path || "texte" : null;
  if (value === null || typeof value !== "object" || depth > 8) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], path, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const child = path ? `${path}.${key}` : key;
    if (hasControlCharacter(key)) return child;
    const found = findControlCharacter(item, child, depth + 1);
    if (found) return found;
  }
  return null;
}
