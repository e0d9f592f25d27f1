#!/usr/bin/env bash
# Builds the lab images into a podman image store under lab/.cache/images (hosts mount it
# read-only as an additional image store), cached by their inputs:
#   base   debootstrap minbase + openjdk-17-jre-headless + procps + user rocketmq 3000:3000
#          -> lab/.cache/base-<key>.tar, key = suite + packages + this script's base recipe
#   images one rocketmq image (name server, broker, 5.x proxy) per version in LAB_VERSIONS and the
#          console stand-in, on top of base; key = base key + every file copied in + every jar
#          set; stamp lab/.cache/images/key
# Prints the timing of whatever it built.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
IMG_DIR="$LAB_DIR/image"
STORE="$LAB_CACHE/images"
SUITE=bookworm
# procps: the image's mqshutdown finds the JVM with ps, as the official one does.
BASE_PACKAGES=openjdk-17-jre-headless,procps
# Bump when the base recipe below changes.
BASE_RECIPE=2
[ "$(id -u)" = 0 ] || lab_die "image/build.sh must run as root (debootstrap, rootful podman)"
for v in $LAB_VERSIONS; do lab_need_lib "$v"; done
command -v podman >/dev/null || lab_die "podman missing: run 'bash lab/install-deps.sh'"
command -v javac >/dev/null || lab_die "javac missing (openjdk-17-jdk-headless): run 'bash lab/install-deps.sh'"

# The Debian mirror apt already uses (deb822 .sources or one-line .list), never a hardcoded host.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk -v suite="$SUITE" '
      /^[[:space:]]*#/ { next }
      /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) s = 1 }
      /^$/ { if (u != "" && s) { print u; exit } u = ""; s = 0 }
      /^deb[[:space:]]/ { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i ~ /:\/\//) { if ($(i+1) == suite) { print $i; exit } } }
      END { if (u != "" && s) print u }' "$f" | head -n1)
    [ -n "$uri" ] && { printf '%s\n' "$uri"; return 0; }
  done
  return 1
}

base_key=$(printf '%s\n' "$SUITE" "$BASE_PACKAGES" "$BASE_RECIPE" | sha256sum | cut -c1-16)
base_tar="$LAB_CACHE/base-$base_key.tar"
image_key=$(
  {
    echo "$base_key"
    (cd "$LAB_DIR" && sha256sum image/build.sh image/rocketmq/bin/* image/rocketmq/conf/* console/*.java console/run.sh lib.sh)
    for v in $LAB_VERSIONS; do
      lib=$(lab_lib "$v")
      echo "$v"
      (cd "$lib" && ls -1 ./*.jar)
      cat "$lib/.pom.sha"
    done
  } | sha256sum | cut -c1-16
)

PODMAN_TMP=""
cleanup() { [ -n "$PODMAN_TMP" ] && rm -rf "$PODMAN_TMP"; rm -rf "$LAB_CACHE/build-tmp"; }
trap cleanup EXIT

store_podman() {
  # Rootful podman on the lab's own store. libpod records its run/tmp dirs in the store: keep them fixed.
  CONTAINERS_CONF="$PODMAN_TMP/containers.conf" CONTAINERS_REGISTRIES_CONF="$PODMAN_TMP/registries.conf" \
    podman --root "$STORE/root" --runroot "$STORE/run" --tmpdir "$STORE/tmp" --storage-driver overlay "$@"
}

if [ -f "$STORE/key" ] && [ "$(cat "$STORE/key")" = "$image_key" ]; then
  PODMAN_TMP=$(mktemp -d /tmp/rmqlab-build.XXXXXX)
  printf '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\nruntime = "runc"\n' >"$PODMAN_TMP/containers.conf"
  printf 'unqualified-search-registries = []\n' >"$PODMAN_TMP/registries.conf"
  present=true
  for v in $LAB_VERSIONS; do
    for tag in $(lab_image_tags "$v"); do store_podman image exists "$tag" || present=false; done
  done
  if [ "$present" = true ] && store_podman image exists "$LAB_CONSOLE_IMAGE"; then
    lab_log "images up to date (key $image_key)"
    exit 0
  fi
fi

# Hosts of a running lab read this store: never swap it under them. An idempotent `up` of a running
# lab keeps its images; the next up after a down builds the new ones.
if [ -f "$LAB_STATE/lab.env" ]; then
  lab_log "WARNING: the lab image inputs changed while the lab is up: it keeps its current images until 'bash lab/lab.sh down' and the next up"
  exit 0
fi
t0=$(date +%s)
mkdir -p "$LAB_CACHE"
if [ ! -f "$base_tar" ]; then
  mirror=$(debian_mirror) || lab_die "no Debian $SUITE mirror found in /etc/apt/sources.list*"
  lab_log "base: debootstrap $SUITE + $BASE_PACKAGES from $mirror"
  root="$LAB_CACHE/build-tmp/rootfs"
  rm -rf "$LAB_CACHE/build-tmp" && mkdir -p "$root"
  debootstrap --variant=minbase --include="$BASE_PACKAGES" "$SUITE" "$root" "$mirror" >"$LAB_CACHE/build-tmp/debootstrap.log" 2>&1 ||
    { tail -n 20 "$LAB_CACHE/build-tmp/debootstrap.log" >&2; lab_die "debootstrap failed"; }
  chroot "$root" groupadd -g 3000 rocketmq
  chroot "$root" useradd -u 3000 -g 3000 -m -d /home/rocketmq -s /bin/sh rocketmq
  mkdir -p "$root/home/rocketmq/logs" "$root/home/rocketmq/store"
  chown -R 3000:3000 "$root/home/rocketmq"
  # Slimmer image; nothing at run time needs these.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc "$root"/usr/share/man
  tar -C "$root" -cf "$base_tar.tmp" . && mv "$base_tar.tmp" "$base_tar"
  rm -rf "$LAB_CACHE/build-tmp"
  # Only the current base is ever used again: drop the ones of older recipes (~330 MB each).
  find "$LAB_CACHE" -maxdepth 1 -name 'base-*.tar' ! -name "base-$base_key.tar" -delete
  lab_log "base built in $(($(date +%s) - t0)) s"
fi
t1=$(date +%s)

[ -n "$PODMAN_TMP" ] || PODMAN_TMP=$(mktemp -d /tmp/rmqlab-build.XXXXXX)
printf '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\nruntime = "runc"\n' >"$PODMAN_TMP/containers.conf"
printf 'unqualified-search-registries = []\n[[registry]]\nlocation = "docker.io"\nblocked = true\n' >"$PODMAN_TMP/registries.conf"
# A changed key rebuilds from scratch: the store only ever holds the current images.
rm -rf "$STORE" && mkdir -p "$STORE"
base_ref="localhost/rmqlab-base:$base_key"
store_podman import --quiet "$base_tar" "$base_ref" >/dev/null

ctx="$LAB_CACHE/build-tmp/ctx"
rm -rf "$LAB_CACHE/build-tmp" && mkdir -p "$ctx"
# One context per version: our bin scripts, the logback files (5.x reads them under rmq.*.logback.xml
# names through -Drmq.logback.configurationFile), that version's jars.
for v in $LAB_VERSIONS; do
  vctx="$ctx/rocketmq-$v"
  mkdir -p "$vctx/rocketmq/lib"
  cp -r "$IMG_DIR/rocketmq/bin" "$IMG_DIR/rocketmq/conf" "$vctx/rocketmq/"
  # 5.x's logback (1.3) reads a comma in %d{} as the start of a time zone: a dot before the millis.
  for s in broker namesrv tools; do
    sed 's/HH:mm:ss,SSS/HH:mm:ss.SSS/g' "$IMG_DIR/rocketmq/conf/logback_$s.xml" >"$vctx/rocketmq/conf/rmq.$s.logback.xml"
  done
  cp "$(lab_lib "$v")"/*.jar "$vctx/rocketmq/lib/"
  home="/home/rocketmq/rocketmq-$v"
  # As the official image: no entrypoint and no default command (`sh mqnamesrv`, `sh mqbroker -c F`).
  cat >"$vctx/Containerfile" <<CF
FROM $base_ref
COPY --chown=3000:3000 rocketmq $home
ENV ROCKETMQ_HOME=$home ROCKETMQ_VERSION=$v
USER rocketmq
WORKDIR $home/bin
CF
  read -r -a tags <<<"$(lab_image_tags "$v")"
  store_podman build --quiet --pull=never -f "$vctx/Containerfile" -t "${tags[0]}" "$vctx" >/dev/null
  for tag in "${tags[@]:1}"; do store_podman tag "${tags[0]}" "$tag"; done
  lab_log "image rocketmq $v: ${tags[*]}"
done
mkdir -p "$ctx/console/rocketmq"
cp -r "$LAB_LIB" "$ctx/console/rocketmq/lib"
cp -r "$IMG_DIR/rocketmq/conf" "$ctx/console/rocketmq/conf"
javac --release 17 -nowarn -d "$ctx/console/app/classes" -cp "$LAB_LIB/*" "$LAB_DIR/console/ConsoleStandIn.java"
cp "$LAB_DIR/console/run.sh" "$ctx/console/app/"
cat >"$ctx/console/Containerfile" <<CF
FROM $base_ref
COPY rocketmq/lib /app/lib
COPY rocketmq/conf /app/conf
COPY app /app
ENV JAVA_OPTS=""
EXPOSE 8080
CMD ["/bin/sh", "/app/run.sh"]
CF
store_podman build --quiet --pull=never -f "$ctx/console/Containerfile" -t "$LAB_CONSOLE_IMAGE" "$ctx/console" >/dev/null
printf '%s\n' "$image_key" >"$STORE/key"
t2=$(date +%s)
lab_log "images built (key $image_key): base $((t1 - t0)) s, images $((t2 - t1)) s, total $((t2 - t0)) s"
store_podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' >&2
