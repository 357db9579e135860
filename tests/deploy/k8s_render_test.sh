#!/usr/bin/env bash
# k8s_render_test.sh [REPO_ROOT]: renders k8s/base and both overlays with
# kubectl's kustomize and checks the policies the manifests promise, so they
# cannot silently regress:
#   every Deployment: readiness + liveness probes, non-root, read-only root
#     filesystem, no privilege escalation, all capabilities dropped, seccomp
#     RuntimeDefault, memory limit, preStop + a grace period above the drain
#   each of the six services: Deployment, Service, HPA and PDB aimed at it,
#     native gRPC probes on its health service (gateway: HTTP /healthz), and a
#     NetworkPolicy that admits traffic to it
#   a default-deny NetworkPolicy; TLS on both Ingresses; the gRPC one is
#     GRPC-proxied and restricted by source range; the provision Job exists
#   every ConfigMap a pod reads is rendered, every Secret is documented (dev:
#     rendered)
#   base: no Secret; prod: no Secret, no `:latest` or untagged image,
#     replicas ≥ 2, HPA minReplicas ≥ 2, PDB minAvailable ≥ 1
# Every rendered object is also validated against the Kubernetes API schemas
# (tests/deploy/schema/validate.mjs, kubernetes-models; says "not exercised"
# when its packages are not installed).
# Needs kubectl (with kustomize) and python3; without them it says
# "skipped" and exits 0. No cluster is contacted.
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/../.." && pwd)}"

if ! command -v kubectl >/dev/null 2>&1; then
  echo "skipped: kubectl not installed"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 not installed"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
schema="$(dirname "$0")/schema"
schema_failed=0

for target in base overlays/dev overlays/prod; do
  name="${target##*/}"
  if ! kubectl kustomize "$root/k8s/$target" >"$work/$name.yaml" 2>"$work/$name.err"; then
    echo "FAIL: kubectl kustomize k8s/$target:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  # kubectl turns the YAML into JSON locally (no cluster): python3 then
  # needs only its standard library.
  if ! kubectl annotate --local -f "$work/$name.yaml" helpdesk.test/render=1 -o json \
    >"$work/$name.json" 2>"$work/$name.err"; then
    echo "FAIL: k8s/$target renders to objects kubectl cannot read:" >&2
    cat "$work/$name.err" >&2
    exit 1
  fi
  echo "ok: k8s/$target renders ($(grep -c '^kind:' "$work/$name.yaml") objects)"
  # Every object against the Kubernetes API schemas, offline
  # (tests/deploy/schema: kubernetes-models, installed by ./tools/test).
  if [ -d "$schema/node_modules/kubernetes-models" ] && command -v node >/dev/null 2>&1; then
    node "$schema/validate.mjs" "k8s/$target" <"$work/$name.yaml" || schema_failed=1
  else
    echo "not exercised: schema validation of k8s/$target (run npm ci in tests/deploy/schema)"
  fi
done
if [ "$schema_failed" -ne 0 ]; then
  echo "FAIL: objects not valid against the Kubernetes schemas (above)" >&2
  exit 1
fi

python3 - "$work" <<'PYEOF'
import json, re, sys

work = sys.argv[1]
SERVICES = {
    'identity': (9101, 'helpdesk.identity.v1.IdentityService'),
    'ticket': (9102, 'helpdesk.ticket.v1.TicketService'),
    'attachment': (9103, 'helpdesk.attachment.v1.AttachmentService'),
    'sla': (9104, 'helpdesk.sla.v1.SlaService'),
    'notification': (9105, 'helpdesk.notification.v1.NotificationService'),
    'gateway': (8080, None),
}
# The Secrets docs/deploy.md ("Secrets") tells operators to create.
DOCUMENTED_SECRETS = {f'helpdesk-db-{s}' for s in ('identity', 'ticket', 'attachment', 'sla', 'notification', 'admin')} | {
    'helpdesk-token-keys', 'helpdesk-admin', 'helpdesk-smtp'}
failures = []
passed = 0


def load(name):
    text = open(f'{work}/{name}.json').read()
    objs, i, dec = [], 0, json.JSONDecoder()
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        obj, i = dec.raw_decode(text, i)
        objs.extend(obj['items'] if obj.get('kind') == 'List' else [obj])
    return objs


def check(overlay, ok, what):
    global passed
    if ok:
        passed += 1
    else:
        failures.append(f'{overlay}: {what}')


def duration_seconds(text):
    m = re.fullmatch(r'(\d+)(ms|s|m)', text or '')
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    return {'ms': n / 1000, 's': n, 'm': n * 60}[unit]


def check_deployment(overlay, d, configmaps):
    name = d['metadata']['name']
    pod = d['spec']['template']['spec']
    psc = pod.get('securityContext', {})
    for c in pod['containers']:
        where = f'Deployment {name} container {c["name"]}'
        csc = c.get('securityContext', {})
        check(overlay, 'readinessProbe' in c, f'{where} has no readinessProbe')
        check(overlay, 'livenessProbe' in c, f'{where} has no livenessProbe')
        check(overlay, csc.get('runAsNonRoot', psc.get('runAsNonRoot')) is True,
              f'{where} is not runAsNonRoot')
        uid = csc.get('runAsUser', psc.get('runAsUser'))
        check(overlay, isinstance(uid, int) and uid != 0, f'{where} has no non-zero runAsUser')
        check(overlay, csc.get('readOnlyRootFilesystem') is True,
              f'{where} has no readOnlyRootFilesystem')
        check(overlay, csc.get('allowPrivilegeEscalation') is False,
              f'{where} allows privilege escalation')
        check(overlay, 'ALL' in csc.get('capabilities', {}).get('drop', []),
              f'{where} does not drop ALL capabilities')
        seccomp = csc.get('seccompProfile', psc.get('seccompProfile', {})).get('type')
        check(overlay, seccomp == 'RuntimeDefault', f'{where} has no RuntimeDefault seccomp')
        limits = c.get('resources', {}).get('limits', {})
        check(overlay, 'memory' in limits, f'{where} has no memory limit')
        check(overlay, 'memory' in c.get('resources', {}).get('requests', {}),
              f'{where} has no memory request')
        image = c.get('image', '')
        check(overlay, image != '', f'{where} has no image')

    if d['metadata'].get('labels', {}).get('app.kubernetes.io/part-of') != 'helpdesk':
        return  # dev-only datastores: the generic checks above suffice
    c = pod['containers'][0]
    mounts = {m['mountPath'] for m in c.get('volumeMounts', [])}
    check(overlay, '/tmp' in mounts, f'Deployment {name} has no /tmp volume')
    pre = c.get('lifecycle', {}).get('preStop', {}).get('exec', {}).get('command', [])
    check(overlay, pre[:1] == ['sleep'], f'Deployment {name} has no preStop sleep')
    # Grace period > drain time + preStop sleep.
    # notification also finishes a send in progress (HELPDESK_SMTP_TIMEOUT,
    # default 30s) after the drain.
    drain = None
    smtp = 0
    for ref in c.get('envFrom', []):
        cm = configmaps.get(ref.get('configMapRef', {}).get('name'))
        if cm and 'HELPDESK_DRAIN_TIMEOUT' in cm.get('data', {}):
            drain = duration_seconds(cm['data']['HELPDESK_DRAIN_TIMEOUT'])
        if cm and 'HELPDESK_SMTP_TIMEOUT' in cm.get('data', {}):
            smtp = duration_seconds(cm['data']['HELPDESK_SMTP_TIMEOUT'])
    if drain is None:
        drain = 10  # the services' default
    if d['metadata']['labels'].get('app.kubernetes.io/name') == 'notification' and smtp == 0:
        smtp = 30
    sleep = float(pre[1]) if len(pre) > 1 else 0
    grace = pod.get('terminationGracePeriodSeconds', 30)
    check(overlay, grace > drain + sleep + smtp,
          f'Deployment {name}: terminationGracePeriodSeconds {grace} <= drain {drain}s + preStop {sleep}s + SMTP {smtp}s')
    svc = d['metadata']['labels'].get('app.kubernetes.io/name')
    if svc in SERVICES:
        port, full = SERVICES[svc]
        rp, lp = c.get('readinessProbe', {}), c.get('livenessProbe', {})
        if full:
            check(overlay, rp.get('grpc', {}).get('port') == port and rp['grpc'].get('service') == full,
                  f'Deployment {name}: readiness is not a gRPC probe of {full} on {port}')
            check(overlay, lp.get('grpc', {}).get('port') == port and lp['grpc'].get('service', '') == '',
                  f'Deployment {name}: liveness is not a gRPC probe of "" on {port}')
        else:
            for kind, p in (('readiness', rp), ('liveness', lp)):
                check(overlay, p.get('httpGet', {}).get('path') == '/healthz',
                      f'Deployment {name}: {kind} is not HTTP GET /healthz')
        ann = d['spec']['template']['metadata'].get('annotations', {})
        check(overlay, ann.get('prometheus.io/scrape') == 'true',
              f'Deployment {name} has no prometheus.io/scrape annotation')
        ports = {p.get('name') for p in c.get('ports', [])}
        check(overlay, 'metrics' in ports, f'Deployment {name} has no port named metrics')


def selects(selector, labels):
    for k, v in selector.get('matchLabels', {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get('matchExpressions', []):
        has, val = e['key'] in labels, labels.get(e['key'])
        op = e['operator']
        if op == 'In' and val not in e['values']: return False
        if op == 'NotIn' and has and val in e['values']: return False
        if op == 'Exists' and not has: return False
        if op == 'DoesNotExist' and has: return False
    return True


def check_overlay(overlay, objs):
    by_kind = {}
    for o in objs:
        by_kind.setdefault(o['kind'], []).append(o)
    configmaps = {o['metadata']['name']: o for o in by_kind.get('ConfigMap', [])}
    deployments = {o['metadata']['name']: o for o in by_kind.get('Deployment', [])}
    for d in deployments.values():
        check_deployment(overlay, d, configmaps)

    services = {o['metadata']['name'] for o in by_kind.get('Service', [])}
    hpas = {o['spec']['scaleTargetRef']['name']: o for o in by_kind.get('HorizontalPodAutoscaler', [])
            if o['spec']['scaleTargetRef']['kind'] == 'Deployment'}
    pdbs = by_kind.get('PodDisruptionBudget', [])
    policies = by_kind.get('NetworkPolicy', [])
    for svc in SERVICES:
        d = deployments.get(svc)
        check(overlay, d is not None, f'no Deployment {svc}')
        check(overlay, svc in services, f'no Service {svc}')
        check(overlay, svc in hpas, f'no HorizontalPodAutoscaler for Deployment {svc}')
        if d is None:
            continue
        labels = d['spec']['template']['metadata']['labels']
        check(overlay, any(selects(p['spec']['selector'], labels) for p in pdbs),
              f'no PodDisruptionBudget selects {svc}')
        admitted = [p for p in policies
                    if selects(p['spec']['podSelector'], labels) and p['spec'].get('ingress')
                    and 'metrics' not in json.dumps(p['spec']['ingress'])]
        check(overlay, bool(admitted), f'no NetworkPolicy admits traffic to {svc}')
        if overlay == 'prod':
            check(overlay, d['spec'].get('replicas', 1) >= 2, f'prod Deployment {svc} has < 2 replicas')
            if svc in hpas:
                check(overlay, hpas[svc]['spec'].get('minReplicas', 1) >= 2,
                      f'prod HPA {svc} has minReplicas < 2')

    deny = [p for p in policies if p['spec'].get('podSelector') == {}
            and set(p['spec'].get('policyTypes', [])) >= {'Ingress', 'Egress'}
            and not p['spec'].get('ingress') and not p['spec'].get('egress')]
    check(overlay, bool(deny), 'no default-deny NetworkPolicy (podSelector {}, Ingress+Egress, no rules)')

    ingresses = {o['metadata']['name']: o for o in by_kind.get('Ingress', [])}
    gw = ingresses.get('gateway')
    check(overlay, gw is not None and bool(gw['spec'].get('tls')), 'no gateway Ingress with TLS')
    grpc = ingresses.get('helpdesk-grpc')
    check(overlay, grpc is not None, 'no helpdesk-grpc Ingress')
    if grpc:
        ann = grpc['metadata'].get('annotations', {})
        check(overlay, bool(grpc['spec'].get('tls')), 'helpdesk-grpc Ingress has no TLS')
        check(overlay, ann.get('nginx.ingress.kubernetes.io/backend-protocol') == 'GRPC',
              'helpdesk-grpc Ingress is not backend-protocol GRPC')
        check(overlay, bool(ann.get('nginx.ingress.kubernetes.io/whitelist-source-range')),
              'helpdesk-grpc Ingress has no whitelist-source-range')
        routed = {p['path']: p['backend']['service']['name']
                  for r in grpc['spec']['rules'] for p in r['http']['paths']}
        for svc, (_, full) in SERVICES.items():
            if full:
                check(overlay, routed.get('/' + full) == svc,
                      f'helpdesk-grpc Ingress does not route /{full} to {svc}')

    # Every ConfigMap a pod reads exists; every Secret it reads is one that
    # docs/deploy.md tells operators to create, and exists where the overlay
    # generates secrets (dev).
    secrets = {o['metadata']['name'] for o in by_kind.get('Secret', [])}
    for o in objs:
        spec = o.get('spec', {}).get('template', {}).get('spec', {})
        refs = []  # (kind, name, optional)
        for c in spec.get('containers', []) + spec.get('initContainers', []):
            for e in c.get('envFrom', []):
                if 'configMapRef' in e: refs.append(('ConfigMap', e['configMapRef']['name'], e['configMapRef'].get('optional', False)))
                if 'secretRef' in e: refs.append(('Secret', e['secretRef']['name'], e['secretRef'].get('optional', False)))
            for e in c.get('env', []):
                vf = e.get('valueFrom', {})
                if 'configMapKeyRef' in vf: refs.append(('ConfigMap', vf['configMapKeyRef']['name'], vf['configMapKeyRef'].get('optional', False)))
                if 'secretKeyRef' in vf: refs.append(('Secret', vf['secretKeyRef']['name'], vf['secretKeyRef'].get('optional', False)))
        for v in spec.get('volumes', []):
            if 'configMap' in v: refs.append(('ConfigMap', v['configMap']['name'], v['configMap'].get('optional', False)))
            if 'secret' in v: refs.append(('Secret', v['secret']['secretName'], v['secret'].get('optional', False)))
        for kind, ref, optional in refs:
            where = f'{o["kind"]} {o["metadata"]["name"]}'
            if kind == 'ConfigMap':
                check(overlay, ref in configmaps, f'{where} reads ConfigMap {ref}, which is not rendered')
            elif secrets:
                check(overlay, ref in secrets or optional, f'{where} reads Secret {ref}, which is not rendered')
            else:
                check(overlay, ref in DOCUMENTED_SECRETS, f'{where} reads Secret {ref}, not in docs/deploy.md\'s list')

    jobs = {o['metadata']['name'] for o in by_kind.get('Job', [])}
    check(overlay, 'helpdesk-provision' in jobs, 'no helpdesk-provision Job')

    if overlay in ('base', 'prod'):
        check(overlay, not by_kind.get('Secret'), f'{overlay} contains Secret objects')
    if overlay == 'prod':
        for o in objs:
            spec = o.get('spec', {}).get('template', {}).get('spec', {})
            for c in spec.get('containers', []) + spec.get('initContainers', []):
                image = c.get('image', '')
                last = image.rsplit('/', 1)[-1]
                pinned = '@sha256:' in image or (':' in last and not last.endswith(':latest'))
                check(overlay, pinned, f'{o["kind"]} {o["metadata"]["name"]}: image {image!r} is not pinned')
        for p in pdbs:
            check(overlay, p['spec'].get('minAvailable', 0) >= 1,
                  f'prod PodDisruptionBudget {p["metadata"]["name"]} has no minAvailable >= 1')


for overlay in ('base', 'dev', 'prod'):
    check_overlay(overlay, load(overlay))

for f in failures:
    print('FAIL:', f)
print(f'k8s: {passed} passed, {len(failures)} failed')
sys.exit(1 if failures else 0)
PYEOF
