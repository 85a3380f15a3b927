import { PodContext } from './context';
import { checkLegacyIp, strictIpValidation } from '../../../../k8s/ip';
import { asList, asObject, isObject, structItems } from '../../../../k8s/shape';
import { checkDns1123Label, checkDns1123Subdomain } from '../../../../k8s/syntax';

/** Limits of libc's resolver the API server enforces (`MaxDNSNameservers`, `MaxDNSSearchPaths`, `MaxDNSSearchListChars`). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;
const MAX_SEARCH_CHARS = 2048;

/** A search domain: DNS-1123 subdomain whose labels may start with '_' and contain '_' (`IsDNS1123SubdomainWithUnderscore`). */
const SEARCH_DOMAIN = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;

/**
 * DNS: dnsPolicy None needs a dnsConfig with a nameserver; at most 3 nameservers, each an IP address; at most 32
 * search domains of at most 2048 characters in all, each a domain name; options with names.
 * Mirrors `validatePodDNSConfig` in pkg/apis/core/validation/validation.go (the dnsPolicy enum is the schema's).
 * @internal
 */
export function checkDnsConfig({ spec, add, kubernetesVersion }: PodContext): void {
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!isObject(config)) {
      add('dns-config', 'dnsConfig', 'dnsPolicy None needs a dnsConfig: must provide `dnsConfig` when `dnsPolicy` is None');
      return;
    }
    if (asList(config.nameservers).length === 0) {
      add('dns-config', 'dnsConfig.nameservers', 'dnsPolicy None needs at least one nameserver in dnsConfig: must provide at least one DNS nameserver when `dnsPolicy` is None');
      return;
    }
  }
  if (!isObject(config)) return;
  const nameservers = asList(config.nameservers);
  if (nameservers.length > MAX_NAMESERVERS) add('dns-config', 'dnsConfig.nameservers', `dnsConfig has ${nameservers.length} nameservers; must not have more than ${MAX_NAMESERVERS} nameservers`);
  nameservers.forEach((ns, i) => {
    const p = typeof ns === 'string' ? checkLegacyIp(ns, strictIpValidation(kubernetesVersion)) : undefined;
    if (p) add('dns-config', `dnsConfig.nameservers[${i}]`, `nameserver '${ns}' ${p}`);
  });
  const searches = asList(config.searches).filter((s): s is string => typeof s === 'string');
  if (searches.length > MAX_SEARCHES) add('dns-config', 'dnsConfig.searches', `dnsConfig has ${searches.length} search domains; must not have more than ${MAX_SEARCHES} search paths`);
  if (searches.join(' ').length > MAX_SEARCH_CHARS) add('dns-config', 'dnsConfig.searches', `the search list is ${searches.join(' ').length} characters long; must not have more than ${MAX_SEARCH_CHARS} characters (including spaces) in the search list`);
  asList(config.searches).forEach((s, i) => {
    if (typeof s !== 'string' || s === '.') return;
    const domain = s.endsWith('.') ? s.slice(0, -1) : s;
    if (domain.length > 253 || !SEARCH_DOMAIN.test(domain)) {
      add('dns-config', `dnsConfig.searches[${i}]`, `search domain '${s}' must be a lowercase RFC 1123 subdomain (underscores allowed), at most 253 characters (e.g. 'example.com')`);
    }
  });
  for (const { item: o, index: i } of structItems(config.options)) {
    if (o.name === undefined || o.name === null || o.name === '') add('dns-config', `dnsConfig.options[${i}]`, 'a DNS option name must not be empty');
  }
}

/**
 * Host names: hostname and subdomain are DNS-1123 labels; hostnameOverride (GA in 1.37) is a DNS-1123 subdomain of at
 * most 64 characters, not with setHostnameAsFQDN nor hostNetwork; hostAliases have IP addresses and host names that
 * are DNS-1123 subdomains. Mirrors the hostname/subdomain checks of `ValidatePodSpec`, `validatePodHostName` and
 * `ValidateHostAliases` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkHostNames({ spec, add, kubernetesVersion }: PodContext): void {
  for (const field of ['hostname', 'subdomain']) {
    const value = spec[field];
    const p = typeof value === 'string' && value !== '' ? checkDns1123Label(value) : undefined;
    if (p) add('hostname', field, `${field} '${value}' ${p}`);
  }
  const override = spec.hostnameOverride;
  if (typeof override === 'string') {
    if (spec.setHostnameAsFQDN === true) add('hostname', 'hostnameOverride', 'hostnameOverride may not be specified when setHostnameAsFQDN is true');
    if (spec.hostNetwork === true) add('hostname', 'hostnameOverride', 'hostnameOverride may not be specified when hostNetwork is true');
    if (override.length > 64) add('hostname', 'hostnameOverride', `hostnameOverride is ${override.length} characters long; may not be more than 64`);
    const p = checkDns1123Subdomain(override);
    if (p) add('hostname', 'hostnameOverride', `hostnameOverride '${override}' ${p}`);
  }
  const strict = strictIpValidation(kubernetesVersion);
  for (const { item: a, index: i } of structItems(spec.hostAliases)) {
    const ip = typeof a.ip === 'string' ? a.ip : '';
    if (typeof a.ip === 'string' || a.ip == null) {
      const p = checkLegacyIp(ip, strict);
      if (p) add('host-aliases', `hostAliases[${i}].ip`, `hostAliases ip '${ip}' ${p}`);
    }
    asList(asObject(a).hostnames).forEach((h, j) => {
      const p = typeof h === 'string' ? checkDns1123Subdomain(h) : undefined;
      if (p) add('host-aliases', `hostAliases[${i}].hostnames[${j}]`, `hostAliases hostname '${h}' ${p}`);
    });
  }
}
