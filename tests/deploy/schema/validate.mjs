// node validate.mjs NAME < rendered.yaml
// Validates every object of a rendered kustomization against the Kubernetes
// API schemas shipped by kubernetes-models (offline: no cluster). Prints one
// line per object, "ok:" or "FAIL:", and exits 1 when any object is invalid or
// of a kind the schemas do not know.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const name = process.argv[2] ?? 'manifests';
const docs = parseAllDocuments(readFileSync(0, 'utf8'));
let passed = 0;
let failed = 0;

for (const doc of docs) {
  if (doc.errors.length > 0) {
    console.log(`FAIL: ${name}: YAML: ${doc.errors[0].message}`);
    failed++;
    continue;
  }
  const object = doc.toJS();
  if (object == null) continue;
  const { apiVersion, kind } = object;
  // kustomize folds long base64 values over several lines; the API server
  // decodes them ignoring line breaks (Go's encoding/json), the schema's
  // "byte" format does not: unfold before validating.
  if (kind === 'Secret' && object.data) {
    for (const key of Object.keys(object.data)) {
      object.data[key] = String(object.data[key]).replace(/\s+/g, '');
    }
  }
  const where = `${name}: ${kind} ${object.metadata?.name ?? '?'}`;
  // "apps/v1" → kubernetes-models/apps/v1, "v1" → kubernetes-models/v1.
  let models;
  try {
    models = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    console.log(`FAIL: ${where}: no schema for apiVersion ${apiVersion}`);
    failed++;
    continue;
  }
  const Model = models[kind];
  if (typeof Model !== 'function') {
    console.log(`FAIL: ${where}: no schema for ${apiVersion} ${kind}`);
    failed++;
    continue;
  }
  try {
    new Model(object).validate();
    passed++;
  } catch (error) {
    const details = (error.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ');
    console.log(`FAIL: ${where}: ${details || error.message}`);
    failed++;
  }
}
console.log(`ok: ${name}: ${passed} objects valid against the Kubernetes schemas`);
process.exit(failed > 0 ? 1 : 0);
