// Fastify's validator, with one rule Ajv misses: a numeral coerced from text (« 1e309 ») can become
// Infinity, which Ajv then lets through every type and range check. Such a number reached SQL as
// 'Infinity' (500). Every schema of every route is compiled here, so the rule holds everywhere.
import AjvCompiler from "@fastify/ajv-compiler";
import type { FastifyServerOptions } from "fastify";

type BuildValidator = NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>["buildValidator"];

export interface NonFiniteIssue {
  keyword: "finite";
  instancePath: string;
  schemaPath: string;
  params: Record<string, never>;
  message: string;
}

/** The JSON pointer of the first number that is not finite, or null. */
export function findNonFiniteNumber(value: unknown, pointer = "", depth = 0): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : pointer;
  if (value === null || typeof value !== "object" || depth > 8) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findNonFiniteNumber(item, `${pointer}/${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

type Validate = ((data: unknown, context?: { parentData: Record<string, unknown>; parentDataProperty: string }) => unknown) & {
  errors?: unknown;
  schemaEnv?: unknown;
};

export function finiteNumbersValidator(): BuildValidator {
  const build = AjvCompiler();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (routeSchema) => {
      const validate = compile(routeSchema) as unknown as Validate;
      const checked: Validate = (data, context) => {
        const valid = validate(data, context);
        checked.errors = validate.errors;
        if (valid !== true) return valid;
        const root = context ? context.parentData[context.parentDataProperty] : data;
        const pointer = findNonFiniteNumber(root);
        if (pointer === null) return true;
        const issue: NonFiniteIssue = { keyword: "finite", instancePath: pointer, schemaPath: "#", params: {}, message: "must be a finite number" };
        checked.errors = [issue];
        return false;
      };
      if (validate.schemaEnv) checked.schemaEnv = validate.schemaEnv;
      return checked as unknown as ReturnType<typeof compile>;
    };
  };
}
