import { DaemonSetsError, describeValue } from '../../errors';

/**
 * A node_exporter collector, named as its `--collector.<name>` flag names it.
 */
export class NodeExporterCollector {
  /** ARP table entries (`/proc/net/arp`). Enabled by default. */
  public static readonly ARP = new NodeExporterCollector('arp');
  /** Bonded network interfaces. Enabled by default. */
  public static readonly BONDING = new NodeExporterCollector('bonding');
  /** Btrfs filesystems. Enabled by default. */
  public static readonly BTRFS = new NodeExporterCollector('btrfs');
  /** cgroup summary. Disabled by default. */
  public static readonly CGROUPS = new NodeExporterCollector('cgroups');
  /** Connection tracking table usage. Enabled by default. */
  public static readonly CONNTRACK = new NodeExporterCollector('conntrack');
  /** CPU time per mode. Enabled by default. */
  public static readonly CPU = new NodeExporterCollector('cpu');
  /** CPU frequency scaling. Enabled by default. */
  public static readonly CPUFREQ = new NodeExporterCollector('cpufreq');
  /** Disk I/O. Enabled by default. */
  public static readonly DISKSTATS = new NodeExporterCollector('diskstats');
  /** DMI (BIOS, board, chassis) information. Enabled by default. */
  public static readonly DMI = new NodeExporterCollector('dmi');
  /** NIC driver statistics through ethtool. Disabled by default. */
  public static readonly ETHTOOL = new NodeExporterCollector('ethtool');
  /** Open file descriptors. Enabled by default. */
  public static readonly FILEFD = new NodeExporterCollector('filefd');
  /** Filesystem space and inodes. Enabled by default. */
  public static readonly FILESYSTEM = new NodeExporterCollector('filesystem');
  /** Hardware sensors (temperatures, fans) from `/sys/class/hwmon`. Enabled by default. */
  public static readonly HWMON = new NodeExporterCollector('hwmon');
  /** InfiniBand adapters. Enabled by default. */
  public static readonly INFINIBAND = new NodeExporterCollector('infiniband');
  /** Interrupts per CPU. Disabled by default. */
  public static readonly INTERRUPTS = new NodeExporterCollector('interrupts');
  /** IPVS (kube-proxy in IPVS mode). Enabled by default. */
  public static readonly IPVS = new NodeExporterCollector('ipvs');
  /** Load average. Enabled by default. */
  public static readonly LOADAVG = new NodeExporterCollector('loadavg');
  /** Software RAID (mdadm). Enabled by default. */
  public static readonly MDADM = new NodeExporterCollector('mdadm');
  /** Memory usage. Enabled by default. */
  public static readonly MEMINFO = new NodeExporterCollector('meminfo');
  /** Per-mount NFS client statistics. Disabled by default. */
  public static readonly MOUNTSTATS = new NodeExporterCollector('mountstats');
  /** Network interface properties from `/sys/class/net`. Enabled by default. */
  public static readonly NETCLASS = new NodeExporterCollector('netclass');
  /** Network interface traffic. Enabled by default. */
  public static readonly NETDEV = new NodeExporterCollector('netdev');
  /** Network protocol statistics (`/proc/net/netstat`, `snmp`). Enabled by default. */
  public static readonly NETSTAT = new NodeExporterCollector('netstat');
  /** NFS client. Enabled by default. */
  public static readonly NFS = new NodeExporterCollector('nfs');
  /** NFS server. Enabled by default. */
  public static readonly NFSD = new NodeExporterCollector('nfsd');
  /** NVMe devices. Enabled by default. */
  public static readonly NVME = new NodeExporterCollector('nvme');
  /** Pressure stall information (PSI). Enabled by default. */
  public static readonly PRESSURE = new NodeExporterCollector('pressure');
  /** Process and thread counts by state. Disabled by default. */
  public static readonly PROCESSES = new NodeExporterCollector('processes');
  /** RAPL energy counters. Enabled by default. */
  public static readonly RAPL = new NodeExporterCollector('rapl');
  /** Softnet (packet processing) statistics. Enabled by default. */
  public static readonly SOFTNET = new NodeExporterCollector('softnet');
  /** Kernel statistics from `/proc/stat` (boot time, context switches). Enabled by default. */
  public static readonly STAT = new NodeExporterCollector('stat');
  /** systemd units; needs the host's D-Bus socket mounted (`extraHostMounts`). Disabled by default. */
  public static readonly SYSTEMD = new NodeExporterCollector('systemd');
  /** TCP connection states. Disabled by default. */
  public static readonly TCPSTAT = new NodeExporterCollector('tcpstat');
  /** Metrics from `*.prom` files (see `textfileDirectory`). Enabled by default. */
  public static readonly TEXTFILE = new NodeExporterCollector('textfile');
  /** Thermal zones. Enabled by default. */
  public static readonly THERMAL_ZONE = new NodeExporterCollector('thermal_zone');
  /** Current system time. Enabled by default. */
  public static readonly TIME = new NodeExporterCollector('time');
  /** Kernel clock state (adjtimex); see `sysTimeCapability`. Enabled by default. */
  public static readonly TIMEX = new NodeExporterCollector('timex');
  /** Kernel and host names (uname). Enabled by default. */
  public static readonly UNAME = new NodeExporterCollector('uname');
  /** Virtual memory statistics. Enabled by default. */
  public static readonly VMSTAT = new NodeExporterCollector('vmstat');
  /** Wireless interfaces. Disabled by default. */
  public static readonly WIFI = new NodeExporterCollector('wifi');
  /** XFS filesystems. Enabled by default. */
  public static readonly XFS = new NodeExporterCollector('xfs');
  /** ZFS pools. Enabled by default. */
  public static readonly ZFS = new NodeExporterCollector('zfs');

  /**
   * Any collector by its flag name, for collectors without a constant here.
   * @param name the collector's name as in `--collector.<name>`, e.g. `drm` or `zoneinfo`
   */
  public static of(name: string): NodeExporterCollector {
    if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
      const where = 'NodeExporterCollector.of';
      throw new DaemonSetsError(`${where}: ${typeof name === 'string' ? `'${name}'` : describeValue(name)} is not a collector name; use the name from the --collector.<name> flag, e.g. 'zoneinfo' (lower case, digits and '_').`, where, 'name');
    }
    return new NodeExporterCollector(name);
  }

  /** The collector's name, e.g. `wifi`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}
