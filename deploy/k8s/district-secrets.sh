#!/usr/bin/env bash
# Creates the secrets a Wanjia deployment references, in its namespace. Existing secrets are kept, so
# running it again is safe (and is how the Kafka CA copy is refreshed after Strimzi renews it: delete
# wanjia-kafka-ca first).
#
#   deploy/k8s/district-secrets.sh NAMESPACE PREFIX [SERVICE...]      create them (kubectl's current context)
#   deploy/k8s/district-secrets.sh --list NAMESPACE PREFIX [SERVICE...] print their names, touch nothing
#
#   e.g. deploy/k8s/district-secrets.sh wanjia-210102 210102.
#        deploy/k8s/district-secrets.sh wanjia-2101 2101. reporting-service
#
# SERVICE defaults to all four. Environment: KAFKA_NAMESPACE (kafka) and KAFKA_CLUSTER (wanjia-kafka) say
# where Strimzi keeps the Kafka users' secrets; BACKUP_ACCESS_KEY_ID and BACKUP_ACCESS_SECRET_KEY are the
# object-store credentials for PostgreSQL backups; CITY_NAMESPACE (wanjia- and the city's division code, the
# first four digits of PREFIX) holds the city's national-ID hash key, which its run for the city makes and its
# runs for the districts copy: run it for the city first.
set -euo pipefail

list=false
if [[ "${1:-}" == "--list" ]]; then list=true; shift; fi
if [[ $# -lt 2 ]]; then sed -n '2,16p' "$0"; exit 2; fi
namespace=$1 prefix=$2; shift 2
services=("$@")
[[ ${#services[@]} -gt 0 ]] || services=(household-service placement-service deadline-monitor reporting-service)
kafka_namespace=${KAFKA_NAMESPACE:-kafka}
kafka_cluster=${KAFKA_CLUSTER:-wanjia-kafka}
city_namespace=${CITY_NAMESPACE:-wanjia-${prefix:0:4}}

database_of() { # the short name in wanjia_<name> and wanjia-db-<name>
  case $1 in
    household-service) echo household ;; placement-service) echo placement ;;
    deadline-monitor) echo deadline ;; reporting-service) echo reporting ;;
    *) echo "unknown service $1" >&2; exit 2 ;;
  esac
}

exists() { kubectl -n "$namespace" get secret "$1" >/dev/null 2>&1; }

create() { # NAME TYPE --from-literal=...: created once, never overwritten
  local name=$1 type=$2; shift 2
  if $list; then echo "$name"; return; fi
  if exists "$name"; then echo "kept    $name"; return; fi
  kubectl -n "$namespace" create secret generic "$name" --type="$type" "$@" >/dev/null
  echo "created $name"
}

value_of() { # NAMESPACE NAME KEY: a key of an existing secret
  kubectl -n "$1" get secret "$2" -o "jsonpath={.data.${3//./\\.}}" | base64 -d
}

from_kafka() { # NAME KEY: a key of a secret that Strimzi made in the Kafka namespace
  value_of "$kafka_namespace" "$1" "$2"
}

random() { head -c 32 /dev/urandom | base64; }

$list || kubectl get namespace "$namespace" >/dev/null 2>&1 || kubectl create namespace "$namespace" >/dev/null

for service in "${services[@]}"; do
  db=$(database_of "$service")
  create "wanjia-db-$db" kubernetes.io/basic-auth \
    --from-literal=username="wanjia_$db" --from-literal=password="$($list || random)"
  if $list; then
    create "wanjia-kafka-$service" Opaque
  else
    create "wanjia-kafka-$service" Opaque \
      --from-literal=sasl.jaas.config="$(from_kafka "$prefix$service" sasl.jaas.config)"
  fi
done

if [[ $namespace == "$city_namespace" ]]; then
  # One hash key for the whole city: every district's household-service hashes national IDs with it (a copy in its
  # wanjia-national-id), so one person hashes alike everywhere and a registration in two districts is found.
  create wanjia-national-id-hash Opaque --from-literal=hash-key="$($list || random)"
fi

if [[ " ${services[*]} " == *" household-service "* ]]; then
  # Losing these keys makes every stored national ID unreadable: keep a copy outside the cluster. The encryption
  # key is the district's own; the hash key is the city's.
  if $list || exists wanjia-national-id; then
    create wanjia-national-id Opaque
    if ! $list && [[ "$(value_of "$namespace" wanjia-national-id hash-key)" != \
        "$(value_of "$city_namespace" wanjia-national-id-hash hash-key 2>/dev/null)" ]]; then
      echo "warning: the hash-key of wanjia-national-id is not the city's (wanjia-national-id-hash in $city_namespace):" \
        "this district finds no person registered in another (deploy/README.md, the city's hash key)" >&2
    fi
  else
    hash_key=$(value_of "$city_namespace" wanjia-national-id-hash hash-key) && [[ -n $hash_key ]] || {
      echo "no wanjia-national-id-hash in $city_namespace: run $0 for the city first" >&2; exit 1; }
    create wanjia-national-id Opaque --from-literal=encryption-key="$(random)" --from-literal=hash-key="$hash_key"
  fi
fi

if [[ " ${services[*]} " == *" deadline-monitor "* ]]; then
  # Seals the webhook subscriptions' secrets: without it they cannot be opened (and must be subscribed again).
  create wanjia-webhook-secrets Opaque --from-literal=encryption-key="$($list || random)"
fi

# Every deployment, district or city, runs a console: this seals its session cookies and must be the same on every
# replica (44 characters; the console needs 32 or more). Losing or replacing it only signs everyone out.
create wanjia-console Opaque --from-literal=session-secret="$($list || random)"

if $list; then
  create wanjia-kafka-ca Opaque
else
  create wanjia-kafka-ca Opaque --from-literal=ca.crt="$(from_kafka "$kafka_cluster-cluster-ca-cert" ca.crt)"
fi

if $list || exists wanjia-backup-s3; then
  create wanjia-backup-s3 Opaque
else
  create wanjia-backup-s3 Opaque \
    --from-literal=ACCESS_KEY_ID="${BACKUP_ACCESS_KEY_ID:?set BACKUP_ACCESS_KEY_ID (object store for PostgreSQL backups)}" \
    --from-literal=ACCESS_SECRET_KEY="${BACKUP_ACCESS_SECRET_KEY:?set BACKUP_ACCESS_SECRET_KEY}"
fi
