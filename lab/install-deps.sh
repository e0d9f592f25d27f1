#!/usr/bin/env bash
# Everything the lab needs on a clean Debian 12 machine, idempotent: apt packages (apt-get update
# only when something is missing), the RocketMQ jars of every lab version from Maven Central
# (lab/.cache/), and the lab images (cached by their inputs; see image/build.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
t0=$(date +%s)
[ "$(id -u)" = 0 ] || lab_die "install-deps.sh must run as root (apt-get, network namespaces, rootful podman)"

packages=(openssh-server podman runc conmon netavark aardvark-dns iptables iproute2 debootstrap uidmap
  netcat-openbsd openjdk-17-jdk-headless maven curl ca-certificates util-linux procps)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# The real Docker CLI speaks to each lab host's podman API. Debian's docker.io ships one (with an
# engine we never start); a machine that already has a docker CLI keeps it.
command -v docker >/dev/null || missing+=(docker.io)
if [ ${#missing[@]} -gt 0 ]; then
  lab_log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  # docker.io's engine must not run: the lab's docker is podman.
  if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now docker.service docker.socket containerd.service 2>/dev/null || true
  fi
else
  lab_log "apt packages present"
fi
t_apt=$(date +%s)

# One jar set per version; 5.x adds the proxy (pom profile). The stamp covers the pom and version.
for v in $LAB_VERSIONS; do
  lib=$(lab_lib "$v")
  profile=()
  case $v in 5.*) profile=(-Pproxy) ;; esac
  stamp=$({ sha256sum <"$LAB_DIR/pom.xml"; echo "$v ${profile[*]}"; } | sha256sum)
  if compgen -G "$lib/rocketmq-broker-$v.jar" >/dev/null && [ -f "$lib/.pom.sha" ] && [ "$(cat "$lib/.pom.sha")" = "$stamp" ]; then
    lab_log "RocketMQ $v jars present in lab/.cache/${lib##*/}"
    continue
  fi
  lab_log "resolving RocketMQ $v jars from Maven Central"
  rm -rf "$lib"
  mkdir -p "$LAB_CACHE/m2"
  mvn -B -q -Dstyle.color=never -f "$LAB_DIR/pom.xml" -Dmaven.repo.local="$LAB_CACHE/m2" -Drocketmq.version="$v" "${profile[@]}" \
    dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime
  printf '%s\n' "$stamp" >"$lib/.pom.sha"
done
t_mvn=$(date +%s)

bash "$LAB_DIR/image/build.sh"
t_img=$(date +%s)
lab_log "install-deps done: apt $((t_apt - t0)) s, maven $((t_mvn - t_apt)) s, images $((t_img - t_mvn)) s, total $((t_img - t0)) s"
