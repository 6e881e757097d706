#!/usr/bin/env python3
"""Derives a provider index (the format `validate` reads, see schemas/pulumi/README.md) from a
Pulumi package schema, the JSON `pulumi package get-schema <provider>@<version>` prints.

The package schema format is Pulumi's (docs: pulumi.com/docs/iac/guides/building-extending/packages/schema/;
metaschema: pulumi/pulumi pkg/codegen/schema/pulumi.json): `resources` maps a type token to
`inputProperties` and `requiredInputs`; `types` maps a token to an object type (`properties`,
`required`) or an enum (`enum`); a property's type is `type` (string, integer, number, boolean,
array with `items`, object with `additionalProperties`), a `$ref` (`#/types/<token>`, or
`pulumi.json#/Any|Json|Asset|Archive`), or a `oneOf` union.

Index kinds: "string" "int" "double" "bool" "any" "object", {"list": KIND}, {"map": KIND},
{"type": NAME}; NAME is the type's token. Only resources of the modules named with --modules
(all when omitted) and the types they reach are written. Output is deterministic (sorted keys).

  scripts/provider-index.py SCHEMA.json [--modules storage,container] [--tokens-only] > INDEX.json
"""
import argparse
import json
import sys
from urllib.parse import unquote

SCALARS = {"string": "string", "integer": "int", "number": "double", "boolean": "bool"}


def module_of(token):
    # pkg:module/sub:Name -> module ("index" for pkg:index:Name)
    parts = token.split(":")
    return parts[1].split("/")[0] if len(parts) == 3 else ""


def kind(spec, types, reached):
    if "$ref" in spec:
        ref = spec["$ref"]
        if ref.startswith("#/types/"):
            token = unquote(ref[len("#/types/"):])
            target = types.get(token)
            if target is None:
                raise SystemExit(f"unresolved type reference {ref}")
            if "enum" in target:
                # An enum is its underlying scalar; the provider checks the value.
                return SCALARS.get(target.get("type", "string"), "any")
            reached.append(token)
            return {"type": token}
        # pulumi.json#/Any, Json, Asset, Archive, and references into other packages: not checked here.
        return "any"
    if "oneOf" in spec:
        return "any"
    t = spec.get("type")
    if t in SCALARS:
        return SCALARS[t]
    if t == "array":
        return {"list": kind(spec.get("items", {}), types, reached)}
    if t == "object":
        if "additionalProperties" in spec:
            return {"map": kind(spec["additionalProperties"], types, reached)}
        return "object"
    return "any"


def shape(properties, required, types, reached):
    return {
        "inputs": {name: kind(spec, types, reached) for name, spec in sorted((properties or {}).items())},
        "required": sorted(required or []),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("schema")
    parser.add_argument("--modules", default="", help="comma-separated module names (e.g. storage,container); default: all")
    parser.add_argument("--tokens-only", action="store_true", help="write only the resource type tokens (as for kubernetes)")
    args = parser.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)

    name, version = schema.get("name"), schema.get("version")
    if not name or not isinstance(schema.get("resources"), dict):
        raise SystemExit(f"{args.schema}: not a Pulumi package schema (needs name and resources)")
    modules = {m.strip().lower() for m in args.modules.split(",") if m.strip()}
    resources = {t: r for t, r in schema["resources"].items() if not modules or module_of(t).lower() in modules}
    source = {"schema": f"pulumi package get-schema {name}@{version}" if version else f"pulumi package get-schema {name}"}

    if args.tokens_only:
        index = {"source": source, "resourceTypes": sorted(resources)}
    else:
        types = schema.get("types", {})
        reached = []
        out_resources = {t: shape(r.get("inputProperties"), r.get("requiredInputs"), types, reached) for t, r in sorted(resources.items())}
        out_types = {}
        while reached:
            token = reached.pop()
            if token in out_types:
                continue
            spec = types[token]
            out_types[token] = {}  # placeholder: a recursive type reaches itself
            out_types[token] = shape(spec.get("properties"), spec.get("required"), types, reached)
        index = {"source": source, "resources": out_resources, "types": dict(sorted(out_types.items()))}

    json.dump(index, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
