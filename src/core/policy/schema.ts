/**
 * The JSON Schema of the policy file (schema/portguard.schema.json is generated from it by the
 * build, with the rule ids and names of the catalogue, so editors complete them).
 */
import { nearMissPattern } from "../did-you-mean.js";
import type { Rule } from "../rule.js";
import { DEFAULT_POLICY } from "./default-policy.js";

const BASE = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/portguard/portguard/schema/portguard.schema.json",
  title: "portguard policy",
  description:
    "The host-port convention portguard enforces on Docker Compose projects. Every key is optional and merges over the embedded default.",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: {
      type: "string",
    },
    extends: {
      type: "string",
      minLength: 1,
      description: "A local policy file (./shared-policy.yml) or an npm package, merged under this file.",
    },
    ranges: {
      type: "array",
      description:
        "Named host-port ranges and the categories that may publish there. Replaces the inherited list; a port belongs to the first range holding it.",
      items: {
        type: "object",
        additionalProperties: false,
        patternProperties: {
          "^x-": {},
        },
        required: ["name", "ports"],
        properties: {
          name: {
            type: "string",
            minLength: 1,
          },
          ports: {
            description: "A port or a range: 7000-7099.",
            oneOf: [
              {
                type: "integer",
                minimum: 1,
                maximum: 65535,
              },
              {
                type: "string",
                pattern: "^\\s*\\d+\\s*(-\\s*\\d+\\s*)?$",
              },
            ],
          },
          for: {
            type: "array",
            items: {
              type: "string",
              minLength: 1,
            },
            description: "Categories allowed to publish here; empty: nobody.",
          },
          description: {
            type: "string",
          },
        },
      },
    },
    categories: {
      type: "object",
      description: "How services are classified by image (first match wins). Merged by category name.",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        patternProperties: {
          "^x-": {},
        },
        properties: {
          images: {
            type: "array",
            items: {
              type: "string",
              minLength: 1,
            },
            description: "Image names without tag or digest; * matches within a name segment.",
          },
          description: {
            type: "string",
          },
        },
      },
    },
    services: {
      type: "object",
      description: "The registry: explicit allocations and categories, by service name.",
      additionalProperties: {
        type: "object",
        additionalProperties: false,
        patternProperties: {
          "^x-": {},
        },
        properties: {
          category: {
            type: "string",
            minLength: 1,
          },
          port: {
            type: "integer",
            minimum: 1,
            maximum: 65535,
          },
          variable: {
            type: "string",
            pattern: "^[_A-Za-z][_A-Za-z0-9]*$",
          },
          description: {
            type: "string",
          },
        },
      },
    },
    variables: {
      type: "object",
      additionalProperties: false,
      patternProperties: {
        "^x-": {},
      },
      properties: {
        pattern: {
          type: "string",
          minLength: 1,
          description: "Regular expression port variables must match.",
        },
        require: {
          enum: ["governed", "all"],
          description: "governed: PG103/PG104 apply to categories with ranges; all: to every service.",
        },
      },
    },
    files: {
      type: "object",
      additionalProperties: false,
      patternProperties: {
        "^x-": {},
      },
      properties: {
        compose: {
          $ref: "#/definitions/globs",
        },
        env: {
          $ref: "#/definitions/globs",
        },
        sources: {
          $ref: "#/definitions/globs",
        },
        ignore: {
          $ref: "#/definitions/globs",
        },
      },
    },
    docs: {
      type: ["string", "null"],
      description: "The port table that must list every allocation (PG112); null turns the check off.",
    },
    hosts: {
      description: 'Compose files that never run on the same host, or "directory": each folder is a host.',
      oneOf: [
        {
          const: "directory",
        },
        {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["name", "compose"],
            properties: {
              name: {
                type: "string",
                minLength: 1,
              },
              compose: {
                $ref: "#/definitions/globs",
              },
            },
            patternProperties: {
              "^x-": {},
            },
          },
        },
      ],
    },
    rules: {
      type: "object",
      description: "Severity per rule id or name.",
      propertyNames: {
        pattern: "^(PG\\d{3}|[a-z][a-z0-9-]*)$",
      },
      additionalProperties: {
        enum: ["error", "warning", "info", "off", false],
      },
    },
    profiles: {
      type: "object",
      description:
        "Compose profiles. Services whose profile sets are disjoint never start together, so they cannot conflict (PG107) unless a group here says their profiles are started together.",
      additionalProperties: false,
      properties: {
        together: {
          type: "array",
          description: 'Groups of profiles that are started together; "*" stands for every profile.',
          items: {
            type: "array",
            minItems: 1,
            items: {
              type: "string",
              minLength: 1,
            },
          },
        },
      },
    },
    allow: {
      type: "array",
      description: "Reasoned exceptions to PG101/PG102.",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["service"],
        properties: {
          service: {
            type: "string",
            minLength: 1,
          },
          port: {
            type: "integer",
            minimum: 1,
            maximum: 65535,
          },
          reason: {
            type: "string",
            minLength: 1,
          },
        },
        patternProperties: {
          "^x-": {},
        },
      },
    },
  },
  patternProperties: {
    "^x-": {},
  },
  definitions: {
    globs: {
      type: "array",
      items: {
        type: "string",
        minLength: 1,
      },
    },
  },
} as const;

/**
 * A category name: any name of the project's own, but not a typo of a default one (`databse`), which
 * would silently turn checks off. The CLI checks the same against the categories the config declares.
 */
function categoryName(): Record<string, unknown> {
  const known = [...Object.keys(DEFAULT_POLICY.categories), "app"];
  return {
    type: "string",
    minLength: 1,
    not: { allOf: [{ pattern: nearMissPattern(known) }, { not: { enum: known } }] },
    description: `A category: ${known.join(", ")}, or one of your own (declared under categories:). A name one letter away from a default category is refused as a typo.`,
  };
}

export function policySchema(rules: readonly Rule[]): Record<string, unknown> {
  const schema = structuredClone(BASE) as unknown as {
    properties: {
      rules: { propertyNames: unknown };
      ranges: { items: { properties: { for: { items: unknown } } } };
      services: { additionalProperties: { properties: { category: unknown } } };
    };
  };
  schema.properties.rules.propertyNames = { enum: rules.flatMap((r) => [r.id, r.name]) };
  schema.properties.ranges.items.properties.for.items = categoryName();
  schema.properties.services.additionalProperties.properties.category = categoryName();
  return schema as unknown as Record<string, unknown>;
}
