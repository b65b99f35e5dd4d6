// A tiny JSX runtime that renders straight to HTML strings.
// Text and attribute values are escaped by default; only SafeHtml passes through untouched,
// so injecting markup needs an explicit, greppable `unsafeHtml()` call.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = SafeHtml | string | number | boolean | null | undefined | Renderable[];

type AttributeValue = string | number | boolean | null | undefined;

export interface ElementProps {
  children?: Renderable;
  [attribute: string]: AttributeValue | Renderable;
}

export type Component<P> = (props: P) => SafeHtml;

const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
]);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

export function unsafeHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function renderChildren(children: Renderable): string {
  if (children === null || children === undefined || children === false || children === true) return "";
  if (children instanceof SafeHtml) return children.value;
  if (Array.isArray(children)) {
    let out = "";
    for (const child of children) out += renderChildren(child);
    return out;
  }
  return escapeHtml(String(children));
}

function renderAttributes(props: ElementProps): string {
  let out = "";
  for (const [name, value] of Object.entries(props)) {
    if (name === "children" || value === null || value === undefined || value === false) continue;
    if (value === true) out += ` ${name}`;
    else out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

export const Fragment = Symbol("Fragment");

export function jsx(
  type: string | typeof Fragment | Component<never>,
  props: ElementProps,
): SafeHtml {
  if (type === Fragment) return new SafeHtml(renderChildren(props.children));
  if (typeof type === "function") return (type as Component<ElementProps>)(props);
  const open = `<${type}${renderAttributes(props)}>`;
  if (VOID_ELEMENTS.has(type)) return new SafeHtml(open);
  return new SafeHtml(`${open}${renderChildren(props.children)}</${type}>`);
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export namespace JSX {
  export type Element = SafeHtml;
  export interface ElementChildrenAttribute {
    children: unknown;
  }
  export interface IntrinsicElements {
    [element: string]: ElementProps;
  }
}
