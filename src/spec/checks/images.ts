/** The images section: well-formed references, pinned tags, CVEs, the key table the image implies. */
import { imageTag, keyReadBy, keyTableFor, rocketmqVersionOf, type KeyTable } from '../broker-keys.js';
import type { Finding, SpecPath } from '../findings.js';
import { finding, padded } from './common.js';
import type { Context } from './context.js';
import { checkCves } from './security.js';

/** `[registry[:port]/]repo[/repo...][:tag][@sha256:digest]` in the characters docker itself allows. */
const REPO_PATH = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^(?:localhost|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)(?::[0-9]{1,5})?$/;

export function isImageReference(image: string): boolean {
  const [name = '', digest, ...more] = image.split('@');
  if (more.length > 0 || (digest !== undefined && !DIGEST.test(digest))) return false;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  // Like docker: the first part is a registry only when it has a '.', a ':' or is localhost.
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !REGISTRY.test(first)) return false;
  const rest = hasRegistry ? name.slice(slash + 1) : name;
  const colon = rest.lastIndexOf(':');
  const repo = colon >= 0 && !rest.slice(colon).includes('/') ? rest.slice(0, colon) : rest;
  const tag = repo === rest ? undefined : rest.slice(colon + 1);
  return REPO_PATH.test(repo) && (tag === undefined || TAG.test(tag));
}

function checkImage(image: string, path: SpecPath, out: Finding[]): boolean {
  if (padded(image)) return false;
  if (!isImageReference(image)) {
    out.push(
      finding(
        'error',
        'image-invalid',
        path,
        `image '${image}' is not a plain image reference`,
        'write repository[:tag] in lower case, e.g. apacherocketmq/rocketmq:4.8.0-alpine',
      ),
    );
    return false;
  }
  const tag = imageTag(image);
  if (!image.includes('@') && (tag === undefined || tag === 'latest')) {
    out.push(
      finding(
        'warning',
        'image-unpinned',
        path,
        `image '${image}' ${tag === undefined ? 'has no tag (docker takes latest)' : "uses the moving tag 'latest'"}: a rollback cannot bring back what 'latest' meant yesterday`,
        'pin a version tag, e.g. apacherocketmq/rocketmq:4.9.7',
      ),
    );
  }
  return true;
}

/** Image references, CVEs, and the broker.conf key table the rocketmq image's version implies. */
export function checkImages(
  ctx: Context,
  fallbackImage: string | undefined,
): { table?: KeyTable; imageVersion?: string } {
  const { spec, out } = ctx;
  const image = spec.images?.rocketmq ?? fallbackImage;
  if (spec.images?.console !== undefined) checkImage(spec.images.console, ['images', 'console'], out);
  if (spec.console && spec.images && spec.images.console === undefined) {
    out.push(
      finding(
        'error',
        'console-image-missing',
        ['console'],
        'console is set but images.console is not: no console would be deployed',
        'add images.console, e.g. styletang/rocketmq-console-ng:1.0.0',
        'key',
      ),
    );
  }
  if (image === undefined) return {};

  const imageVersion = rocketmqVersionOf(image);
  const table = keyTableFor(image);
  if (spec.images) {
    checkImage(image, ['images', 'rocketmq'], out);
    checkCves(imageVersion, ['images', 'rocketmq'], out);
  }
  // Releases in the per-release matrix are checked exactly (keyReadBy): the family note would mislead.
  const exact = imageVersion !== undefined && keyReadBy('brokerName', imageVersion) !== undefined;
  if (table.note && !exact) {
    const hint = imageVersion
      ? `keys that RocketMQ ${imageVersion} reads differently from ${table.version} are not caught`
      : 'pin a tag with the RocketMQ version, e.g. apacherocketmq/rocketmq:4.9.7';
    out.push(finding('notice', 'key-table', ['images', 'rocketmq'], table.note, hint));
  }
  return { table, ...(imageVersion !== undefined ? { imageVersion } : {}) };
}
