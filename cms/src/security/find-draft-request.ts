import { Kind, parse, visit, type DocumentNode, type ValueNode } from 'graphql';

// Does a content-API request ask for drafts? Anything but the published state counts, so a
// value Strapi may accept in the future is refused rather than let through.

// REST: `?status=draft` (Strapi 5) or `?publicationState=preview` (Strapi 4's name).
export function restAsksForDrafts(query: Record<string, unknown>): boolean {
  if (query.status !== undefined && query.status !== 'published') return true;
  if (query.publicationState !== undefined && query.publicationState !== 'live') return true;
  return false;
}

type GraphqlRequest = { query?: unknown; variables?: unknown };

// GraphQL: a `status` argument anywhere in the document (operations, aliases, fragments),
// literal or through a variable (its value or its default), that is not PUBLISHED. A batch
// asks for drafts when any of its requests does. A document that does not parse cannot run,
// so it is left to the GraphQL server to refuse.
export function graphqlAsksForDrafts(payload: unknown): boolean {
  const requests = Array.isArray(payload) ? payload : [payload];
  return requests.some((request) => requestAsksForDrafts(request as GraphqlRequest));
}

function requestAsksForDrafts(request: GraphqlRequest | null | undefined): boolean {
  if (!request || typeof request.query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return false;
  }
  const variables = parseVariables(request.variables);
  const defaults = new Map<string, ValueNode>();
  visit(document, {
    VariableDefinition(node) {
      if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue);
    },
  });
  let asks = false;
  visit(document, {
    Argument(node) {
      if (node.name.value !== 'status') return;
      const value = resolveValue(node.value, variables, defaults);
      if (value !== undefined && value !== null && String(value).toUpperCase() !== 'PUBLISHED') asks = true;
    },
  });
  return asks;
}

function parseVariables(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'string') {
    try {
      return parseVariables(JSON.parse(raw));
    } catch {
      return {};
    }
  }
  return raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
}

function resolveValue(value: ValueNode, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): unknown {
  switch (value.kind) {
    case Kind.VARIABLE: {
      const name = value.name.value;
      if (name in variables) return variables[name];
      const fallback = defaults.get(name);
      return fallback ? resolveValue(fallback, {}, new Map()) : undefined;
    }
    case Kind.ENUM:
    case Kind.STRING:
      return value.value;
    case Kind.NULL:
      return null;
    default:
      // Lists, objects and numbers are not statuses; GraphQL refuses them, but never let through.
      return 'not-a-status';
  }
}
