# shellcheck shell=bash disable=SC2034  # the package lists are used by callers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Functions shared by build-aux/run, build-aux/test and build-aux/bench.
# Source it; it does nothing by itself. Callers run with `set -euo pipefail`.

# What it takes to build the app.
VS_BUILD_PACKAGES=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libvirt-dev libvirt-glib-1.0-dev libxml2-dev libglib2.0-dev-bin
  libsecret-1-dev
  gettext desktop-file-utils appstream-util
)

# What it takes to run it against a local daemon. In Debian 12 libvirt-daemon
# carries the storage driver and its dir/fs/logical/disk/iscsi/scsi/mpath
# backends, and virt-ssh-helper, which qemu+ssh:// uses on the remote side.
# librsvg2-common lets GTK load Adwaita's SVG icons (only a Recommends of
# GTK, so --no-install-recommends would leave it out).
VS_RUNTIME_PACKAGES=(
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-utils
  librsvg2-common
)

# What the test tiers need on top: an X server and a session bus for the UI
# tests (xdotool presses real keys for the keyboard cases), sshd for the remote tier, loop devices and mkfs for fs pools, and
# QEMU itself, without which libvirtd refuses to define a qemu domain (the
# "used by" tests define domains; they never start them, so no KVM is needed).
# xdotool types on Xvfb's keyboard (the add-connection dialog walked with
# the keyboard alone); gnome-keyring is the desktop keyring that remembered
# passwords go to.
VS_TEST_PACKAGES=(
  python3 xvfb xauth dbus dbus-x11 openssh-server openssh-client
  imagemagick python3-gi gir1.2-gtk-4.0 at-spi2-core python3-pyatspi
  util-linux e2fsprogs procps lvm2 qemu-system-x86 xdotool gnome-keyring
)

vs_log () {
  printf '==> %s\n' "$*" >&2
}

vs_warn () {
  printf '==> WARNING: %s\n' "$*" >&2
}

vs_die () {
  printf '==> ERROR: %s\n' "$*" >&2
  exit 1
}

vs_is_root () {
  [[ "$(id -u)" -eq 0 ]]
}

# Prints the packages among "$@" that dpkg does not list as installed.
vs_missing_packages () {
  local pkg status
  for pkg in "$@"; do
    status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "installed" ]]; then
      printf '%s\n' "$pkg"
    fi
  done
}

# Runs "$@" as root: directly when we are root, else through sudo.
vs_as_root () {
  if vs_is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

VS_APT_UPDATED="${VS_APT_UPDATED:-}"

# Installs whichever of "$@" is missing; does nothing (and asks nothing of
# apt) when all are there, so a second run is fast.
vs_install_packages () {
  local missing=()
  mapfile -t missing < <(vs_missing_packages "$@")
  if [[ "${#missing[@]}" -eq 0 ]]; then
    return 0
  fi

  if ! vs_is_root && ! command -v sudo >/dev/null 2>&1; then
    vs_warn "these Debian packages are missing and this is not root (and there is no sudo):"
    printf '      %s\n' "${missing[*]}" >&2
    vs_warn "install them as root with:"
    printf '      apt-get install --no-install-recommends %s\n' "${missing[*]}" >&2
    return 1
  fi

  vs_log "installing: ${missing[*]}"
  # Another apt run (unattended-upgrades, a colleague) may hold the lock for
  # a while: wait for it instead of failing.
  local apt_opts=(-o DPkg::Lock::Timeout=600)
  if [[ -z "$VS_APT_UPDATED" ]]; then
    vs_as_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update -q
    VS_APT_UPDATED=1
  fi
  vs_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${missing[@]}"
}

# vs_build DIR [MESON_SETUP_ARGS...]
# Configures DIR the first time; reconfigures when setup arguments are given
# (so a changed option takes effect); then compiles. Ninja regenerates by
# itself when a meson.build changed.
vs_build () {
  local dir="$1"
  shift
  if [[ -f "$dir/meson-private/coredata.dat" ]]; then
    if [[ "$#" -gt 0 ]]; then
      meson setup --reconfigure "$dir" "$@"
    fi
  else
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

# True when the system daemon answers on qemu:///system.
vs_system_daemon_answers () {
  command -v virsh >/dev/null 2>&1 || return 1
  timeout 10 virsh -c qemu:///system -q uri >/dev/null 2>&1
}

# What a standalone libvirtd needs on a machine without libvirt-daemon-system
# (which would create these) and without systemd. Root only.
vs_prepare_libvirtd () {
  if ! getent group libvirt-qemu >/dev/null; then
    groupadd --system libvirt-qemu
  fi
  if ! getent passwd libvirt-qemu >/dev/null; then
    useradd --system --gid libvirt-qemu --home-dir /var/lib/libvirt \
      --no-create-home --shell /usr/sbin/nologin \
      --comment "Libvirt Qemu" libvirt-qemu
  fi
  mkdir -p /var/log/libvirt /run/libvirt /var/lib/libvirt/images
  vs_prepare_kvm
}

# Debian's arrangement for /dev/kvm (udev and the qemu-system package's
# scripts make it on a full system): group kvm, the device 0660 root:kvm,
# and libvirt-qemu in the group. Without it libvirtd finds /dev/kvm but
# cannot use it, and probes QEMU's capabilities again on every domain
# define (about 30 s each). Root only; nothing to do without /dev/kvm.
vs_prepare_kvm () {
  [[ -e /dev/kvm ]] || return 0
  if ! getent group kvm >/dev/null; then
    groupadd --system kvm
  fi
  chown root:kvm /dev/kvm
  chmod 0660 /dev/kvm
  if ! id -nG libvirt-qemu 2>/dev/null | tr ' ' '\n' | grep -qx kvm; then
    usermod -a -G kvm libvirt-qemu
  fi
}

# vs_start_libvirtd TIMEOUT_SECONDS
# Starts `libvirtd -d` (root only) and waits until qemu:///system answers.
# libvirtd writes its pid to /run/libvirtd.pid. Returns 1, with the log's
# tail printed, when it does not answer in time.
vs_start_libvirtd () {
  local timeout="$1" i
  vs_prepare_libvirtd
  vs_log "starting libvirtd"
  if ! libvirtd -d </dev/null >/dev/null 2>&1; then
    vs_warn "libvirtd -d failed"
  fi
  for ((i = 0; i < timeout * 4; i++)); do
    if vs_system_daemon_answers; then
      vs_log "libvirtd answers on qemu:///system (pid $(vs_libvirtd_pid || echo '?'))"
      return 0
    fi
    sleep 0.25
  done
  vs_warn "libvirtd did not answer on qemu:///system within ${timeout}s"
  if [[ -f /var/log/libvirt/libvirtd.log ]]; then
    tail -n 20 /var/log/libvirt/libvirtd.log >&2 || true
  fi
  return 1
}

# Prints the pid in /run/libvirtd.pid when it belongs to a live libvirtd.
vs_libvirtd_pid () {
  local pid
  pid="$(cat /run/libvirtd.pid 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" == "libvirtd" ]] || return 1
  printf '%s\n' "$pid"
}

# Stops the libvirtd named in /run/libvirtd.pid: SIGTERM, then SIGKILL after
# 15 s. libvirtd is not our child (it daemonized), so poll instead of wait.
vs_stop_libvirtd () {
  local pid i
  pid="$(vs_libvirtd_pid)" || return 0
  vs_log "stopping libvirtd (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  vs_warn "libvirtd (pid $pid) ignored SIGTERM; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# True when something listens on 127.0.0.1:PORT.
vs_port_in_use () {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# vs_start_xvfb TMPDIR
# Starts Xvfb on the first free display from :99 up (far from the :0 a
# desktop would take); sets DISPLAY and VS_XVFB_PID (the caller stops it).
# Xvfb writes the display number to -displayfd once it accepts connections.
vs_start_xvfb () {
  local tmp="$1" n i ready
  for ((n = 99; n < 120; n++)); do
    [[ -e "/tmp/.X$n-lock" || -e "/tmp/.X11-unix/X$n" ]] && continue
    : >"$tmp/xvfb.display"
    # -noreset: by default an X server resets when its last client leaves,
    # and a client that connects meanwhile gets "cannot open display" (a
    # test started right after another one failed that way).
    Xvfb ":$n" -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp -noreset \
      3>"$tmp/xvfb.display" >"$tmp/xvfb.log" 2>&1 </dev/null &
    VS_XVFB_PID=$!
    for ((i = 0; i < 40; i++)); do
      ready="$(cat "$tmp/xvfb.display")"
      [[ -n "$ready" ]] && break
      kill -0 "$VS_XVFB_PID" 2>/dev/null || break
      sleep 0.25
    done
    if [[ -n "$ready" ]]; then
      export DISPLAY=":$n"
      vs_log "Xvfb on $DISPLAY (pid $VS_XVFB_PID)"
      return 0
    fi
    # Lost a race for this display, or Xvfb cannot run at all.
    kill -TERM "$VS_XVFB_PID" 2>/dev/null || true
    wait "$VS_XVFB_PID" 2>/dev/null || true
    VS_XVFB_PID=""
    cat "$tmp/xvfb.log" >&2 || true
  done
  return 1
}

# vs_start_sshd DIR [EXTRA_CONFIG]
# Starts an sshd on 127.0.0.1 (the first free port from 2222) that lets
# root in with a key made here, with EXTRA_CONFIG (Match blocks) at the end
# of its configuration. DIR (made here) then holds client_key,
# host_key.pub, known_hosts, sshd.log and `ssh`, a client command that
# reads no per-user state and trusts only that host key. Sets VS_SSHD_PID
# (the caller stops it) and VS_SSHD_PORT. Prints why and returns 1 when it
# cannot.
vs_start_sshd () {
  local dir="$1" extra="${2:-}" port=2222 i
  mkdir -m 700 "$dir" || return 1
  while vs_port_in_use "$port"; do
    port=$((port + 1))
    if [[ "$port" -gt 2300 ]]; then
      vs_warn "no free port in 2222-2300 for sshd"
      return 1
    fi
  done

  ssh-keygen -q -t ed25519 -N '' -C vs-test-host -f "$dir/host_key" || return 1
  ssh-keygen -q -t ed25519 -N '' -C vs-test-client -f "$dir/client_key" || return 1
  cp "$dir/client_key.pub" "$dir/authorized_keys"
  : >"$dir/known_hosts"
  vs_ssh_trust_port "$dir" "$port"

  cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
# The key lives under /tmp, which is world-writable: skip the mode check.
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
$extra
EOF

  cat >"$dir/ssh" <<EOF
#!/bin/sh
exec ssh -F /dev/null -o UserKnownHostsFile=$dir/known_hosts \\
  -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR "\$@"
EOF
  chmod +x "$dir/ssh"

  mkdir -p /run/sshd
  chmod 755 /run/sshd
  if ! /usr/sbin/sshd -t -f "$dir/sshd_config" 2>"$dir/sshd.log"; then
    vs_warn "sshd rejects its configuration:"
    cat "$dir/sshd.log" >&2
    return 1
  fi
  /usr/sbin/sshd -D -e -f "$dir/sshd_config" </dev/null 2>"$dir/sshd.log" &
  VS_SSHD_PID=$!
  VS_SSHD_PORT="$port"
  for ((i = 0; i < 40; i++)); do
    vs_port_in_use "$port" && return 0
    if ! kill -0 "$VS_SSHD_PID" 2>/dev/null; then
      VS_SSHD_PID=""
      vs_warn "sshd exited:"
      cat "$dir/sshd.log" >&2
      return 1
    fi
    sleep 0.25
  done
  return 0
}

# vs_ssh_trust_port DIR PORT
# Lets the `ssh` of vs_start_sshd DIR trust its host key at
# 127.0.0.1:PORT (the sshd's own port, or a proxy in front of it).
vs_ssh_trust_port () {
  printf '[127.0.0.1]:%s %s\n' "$2" "$(cut -d' ' -f1,2 "$1/host_key.pub")" >>"$1/known_hosts"
}

# vs_ssh_uri DIR PORT
# Prints the qemu+ssh:// URI of the system daemon, as root through
# 127.0.0.1:PORT, with the key and client command of vs_start_sshd DIR.
vs_ssh_uri () {
  printf 'qemu+ssh://root@127.0.0.1:%s/system?keyfile=%s/client_key&no_verify=1&no_tty=1&command=%s/ssh\n' \
    "$2" "$1" "$1"
}
