/*
 * What some images do at start that a hardened securityContext decides: the user their image config runs as, and
 * whether they write outside their volumes. Facts from each image's build file (cited per entry), used to tell
 * whether `runAsNonRoot: true` without `runAsUser`, and `readOnlyRootFilesystem: true`, let the image start:
 *
 * - With `runAsNonRoot: true` and no `runAsUser`, the kubelet starts the container only when the image's USER is a
 *   numeric, non-zero UID; a root image fails with "container has runAsNonRoot and image will run as root", a named
 *   user (`USER nobody`) with "image has non-numeric user (nobody), cannot verify user is non-root"
 *   (kubernetes pkg/kubelet/kuberuntime/security_context_others.go, verifyRunAsNonRoot). Both leave the pod in
 *   CreateContainerConfigError.
 * - With `readOnlyRootFilesystem: true`, every write outside a volume fails (EROFS): nginx's cache and pid file under
 *   /var/cache/nginx and /var/run, for instance, stop it at start.
 */

/** What an image's build file says about how it starts. */
export interface KnownImage {
  /** Repositories (registry host included, `docker.io/library/` left out), e.g. `quay.io/prometheus/node-exporter`. */
  readonly repositories: readonly string[];
  /** Only tags matching this pattern (distroless: the `nonroot` variants); all tags when unset. */
  readonly tags?: RegExp;
  /** The image config's USER: `root` when it sets none. */
  readonly user: string;
  /** Whether the program writes outside its volumes at start (a read-only root filesystem stops it). */
  readonly writesRootFilesystem: boolean;
  /** Where the facts come from. */
  readonly source: string;
}

/** The images whose start under the restricted defaults is known, by repository. */
export const KNOWN_IMAGES: readonly KnownImage[] = [
  {
    repositories: ['quay.io/prometheus/node-exporter', 'prom/node-exporter'],
    user: 'nobody',
    writesRootFilesystem: false,
    source: 'prometheus/node_exporter Dockerfile (0c561fa): USER nobody',
  },
  {
    repositories: ['quay.io/brancz/kube-rbac-proxy'],
    user: '65532',
    writesRootFilesystem: false,
    source: 'brancz/kube-rbac-proxy Dockerfile (898a9f4): FROM gcr.io/distroless/static:nonroot, USER 65532:65532',
  },
  {
    repositories: ['ghcr.io/jimmidyson/configmap-reload', 'jimmidyson/configmap-reload'],
    user: '65534',
    writesRootFilesystem: false,
    source: 'jimmidyson/configmap-reload Dockerfile: USER 65534',
  },
  {
    repositories: ['gcr.io/distroless/static', 'gcr.io/distroless/static-debian11', 'gcr.io/distroless/static-debian12',
      'gcr.io/distroless/base', 'gcr.io/distroless/base-debian11', 'gcr.io/distroless/base-debian12',
      'gcr.io/distroless/base-nossl-debian12', 'gcr.io/distroless/cc-debian12'],
    tags: /(^|-)nonroot(-|$)/,
    user: '65532',
    writesRootFilesystem: false,
    source: 'GoogleContainerTools/distroless README: the nonroot tags run as user 65532',
  },
  {
    repositories: ['cr.fluentbit.io/fluent/fluent-bit', 'fluent/fluent-bit'],
    user: 'root',
    writesRootFilesystem: false,
    source: 'fluent/fluent-bit dockerfiles/Dockerfile: distroless production stage that sets no USER (the image runs as root)',
  },
  {
    repositories: ['nginx'],
    user: 'root',
    writesRootFilesystem: true,
    source: 'nginxinc/docker-nginx Dockerfile: no USER; the master writes /var/cache/nginx and /var/run/nginx.pid',
  },
];

/** The image's repository without tag or digest, `docker.io/` and `docker.io/library/` left out. */
export function imageRepository(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.substring(0, at) : image;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  const repository = (colon >= 0 ? name.substring(0, colon) : name).toLowerCase();
  for (const prefix of ['docker.io/library/', 'index.docker.io/library/', 'docker.io/', 'index.docker.io/']) {
    if (repository.startsWith(prefix)) return repository.substring(prefix.length);
  }
  return repository;
}

/** The entry of `KNOWN_IMAGES` that describes `image`, if any. */
export function knownImage(image: string): KnownImage | undefined {
  const repository = imageRepository(image);
  const at = image.indexOf('@');
  const name = at >= 0 ? image.substring(0, at) : image;
  const colon = name.indexOf(':', name.lastIndexOf('/') + 1);
  const tag = colon >= 0 ? name.substring(colon + 1) : '';
  return KNOWN_IMAGES.find(k => k.repositories.includes(repository) && (k.tags === undefined || k.tags.test(tag)));
}

/** Whether the image's USER is a numeric UID other than 0 (`65532`, `65532:65532`): what runAsNonRoot can verify. */
export function runsAsNumericNonRoot(user: string): boolean {
  const uid = user.split(':')[0];
  return /^[0-9]+$/.test(uid) && Number(uid) !== 0;
}

/**
 * What keeps `image` from starting with `runAsNonRoot: true` (and no `runAsUser`) and `readOnlyRootFilesystem: true`,
 * each a sentence; empty when the image is known to start that way, `undefined` when the image is not known.
 */
export function restrictedStartProblems(image: string): string[] | undefined {
  const known = knownImage(image);
  if (!known) return undefined;
  const problems: string[] = [];
  if (known.user === 'root' || known.user === '0' || known.user.startsWith('0:')) {
    problems.push('it runs as root, so the kubelet refuses runAsNonRoot (CreateContainerConfigError)');
  } else if (!runsAsNumericNonRoot(known.user)) {
    problems.push(`its USER is '${known.user}', a name the kubelet cannot verify as non-root without runAsUser (CreateContainerConfigError)`);
  }
  if (known.writesRootFilesystem) problems.push('it writes outside its volumes, which a read-only root filesystem refuses');
  return problems;
}
