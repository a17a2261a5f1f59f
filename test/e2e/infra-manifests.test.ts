/**
 * infra/ as an operator would use it, checked without a container runtime: the kustomize manifests
 * render and give every role probes, resources and a non-root user; the compose file names every
 * role after a one-shot migrate; the Dockerfile builds in stages and runs the CLI as `node`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const ROLES = ['api', 'scheduler', 'poller', 'notifier', 'inbound'] as const;

interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value: string }[];
  envFrom?: unknown[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean };
}
interface Manifest {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
}

function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasKubectl = kubectlAvailable();
if (!hasKubectl) console.warn('kubectl is not installed: the kustomize rendering test is skipped (install kubectl to run it)');

(hasKubectl ? describe : describe.skip)('infra/k8s, rendered by kubectl kustomize', () => {
  let manifests: Manifest[];
  const byKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const named = (kind: string, name: string) => {
    const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
    if (!found) throw new Error(`no ${kind} ${name} in the rendered manifests`);
    return found;
  };
  const podSpec = (m: Manifest) => (m.spec as { template: { spec: PodSpec } }).template.spec;
  const containerOf = (m: Manifest): Container => {
    const [container] = podSpec(m).containers;
    if (!container) throw new Error(`${m.kind} ${m.metadata.name} has no container`);
    return container;
  };

  beforeAll(() => {
    const rendered = execFileSync('kubectl', ['kustomize', path.join(ROOT, 'infra/k8s')], { encoding: 'utf8' });
    manifests = parseAllDocuments(rendered).map((d) => d.toJS() as Manifest);
  });

  it('renders into one namespace', () => {
    expect(manifests.length).toBeGreaterThan(10);
    for (const m of manifests.filter((m) => m.kind !== 'Namespace')) expect(m.metadata.namespace).toBe('docketwatch');
  });

  it.each(ROLES)(
    'runs %s as `docketwatch start <role>`, non-root, with readiness and liveness probes on a declared port and resources',
    (role) => {
      const deployment = named('Deployment', `docketwatch-${role}`);
      expect(podSpec(deployment).securityContext?.runAsNonRoot).toBe(true);
      const container = containerOf(deployment);
      expect(container.args).toEqual(['start', role]);
      expect(container.envFrom).toHaveLength(2);
      const portNames = (container.ports ?? []).map((p) => p.name);
      for (const probe of [container.readinessProbe, container.livenessProbe]) {
        expect(probe?.httpGet).toBeDefined();
        expect(portNames).toContain(probe!.httpGet!.port);
      }
      expect(container.readinessProbe!.httpGet!.path).toBe('/readyz');
      expect(container.livenessProbe!.httpGet!.path).toBe('/livez');
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources?.limits?.memory).toEqual(expect.any(String));
      expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
    },
  );

  it('probes workers on HEALTH_PORT and the api on its own port', () => {
    const config = named('ConfigMap', 'docketwatch-config').data!;
    for (const role of ROLES) {
      const container = containerOf(named('Deployment', `docketwatch-${role}`));
      const probed = container.ports!.find((p) => p.name === container.readinessProbe!.httpGet!.port)!;
      expect(probed.containerPort).toBe(role === 'api' ? 3000 : Number(config.HEALTH_PORT));
    }
  });

  it('migrates once, in a Job, and tells the roles not to', () => {
    const job = named('Job', 'docketwatch-migrate');
    const container = containerOf(job);
    expect(container.args).toEqual(['migrate']);
    expect(named('ConfigMap', 'docketwatch-config').data!.MIGRATE_ON_START).toBe('false');
  });

  it('scales pollers and notifiers with HPAs and keeps every role through a drain', () => {
    const targets = byKind('HorizontalPodAutoscaler').map((h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
    expect(targets.sort()).toEqual(['docketwatch-notifier', 'docketwatch-poller']);
    const budgets = byKind('PodDisruptionBudget').map((p) => p.metadata.name);
    expect(budgets.sort()).toEqual(ROLES.map((r) => `docketwatch-${r}`).sort());
    expect((named('Deployment', 'docketwatch-scheduler').spec as { replicas: number }).replicas).toBe(1);
  });

  it('keeps only placeholders in the Secret', () => {
    const secret = named('Secret', 'docketwatch-secrets');
    for (const value of Object.values(secret.stringData ?? {})) expect(value).toContain('REPLACE-ME');
    expect(secret.data).toBeUndefined();
  });

  it('puts the API behind an Ingress that takes 10 MB uploads, with TRUST_PROXY set on the api', () => {
    const ingress = named('Ingress', 'docketwatch-api');
    expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('10m');
    const container = containerOf(named('Deployment', 'docketwatch-api'));
    expect(container.env?.find((e) => e.name === 'TRUST_PROXY')?.value).toMatch(/\S/);
    const smtp = named('Service', 'docketwatch-inbound').spec as { ports: { port: number; targetPort: string }[] };
    expect(smtp.ports).toEqual([{ name: 'smtp', port: 25, targetPort: 'smtp' }]);
  });
});

describe('infra/compose/compose.yaml', () => {
  interface ComposeService {
    command?: string[];
    depends_on?: Record<string, { condition: string }>;
    environment?: Record<string, string>;
    deploy?: { replicas?: number };
    healthcheck?: { test?: string[]; disable?: boolean };
  }
  const compose = parse(fs.readFileSync(path.join(ROOT, 'infra/compose/compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const service = (name: string): ComposeService => {
    const found = compose.services[name];
    if (!found) throw new Error(`compose.yaml has no service ${name}`);
    return found;
  };

  it('names Postgres, Redis, the migrate step and every role', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['migrate', 'postgres', 'redis', ...ROLES].sort());
    expect(service('migrate').command).toEqual(['migrate']);
  });

  it.each(ROLES)('starts %s after migrate completes, with migration at start turned off and a healthcheck', (role) => {
    const app = service(role);
    expect(app.command).toEqual(['start', role]);
    expect(app.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    expect(app.environment?.MIGRATE_ON_START).toBe('false');
    expect(app.healthcheck?.test?.join(' ')).toContain('/readyz');
  });

  it('runs two pollers and two notifiers, and Redis that neither evicts nor forgets', () => {
    expect(service('poller').deploy?.replicas).toBe(2);
    expect(service('notifier').deploy?.replicas).toBe(2);
    const redis = service('redis').command!.join(' ');
    expect(redis).toContain('--maxmemory-policy noeviction');
    expect(redis).toContain('--appendonly yes');
  });
});

describe('infra/docker/Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'infra/docker/Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^[A-Z]+\s/.test(line));
  const last = (instruction: string) => instructions.filter((l) => l.startsWith(`${instruction} `)).at(-1);

  it('builds in stages and installs only production dependencies in the runtime', () => {
    expect(instructions.filter((l) => l.startsWith('FROM ')).length).toBeGreaterThanOrEqual(2);
    expect(instructions.some((l) => l.startsWith('RUN npm ci --omit=dev'))).toBe(true);
  });

  it('runs as a non-root user, with docketwatch as the entrypoint and a healthcheck', () => {
    expect(last('USER')).toBe('USER node');
    expect(last('ENTRYPOINT')).toBe('ENTRYPOINT ["node", "services/cli/bin/docketwatch.js"]');
    expect(last('CMD')).toBe('CMD ["start"]');
    expect(last('HEALTHCHECK')).toContain('/livez');
  });

  it('copies files that exist', () => {
    for (const file of [
      'services/cli/bin/docketwatch.js',
      'packages/catalogue/catalogues/starter.yaml',
      'test/package.json',
      '.dockerignore',
    ])
      expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
  });
});
