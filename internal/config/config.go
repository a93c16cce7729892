// Package config reads noichinh's settings from command-line flags, with
// NOICHINH_* environment variables as defaults. A flag given on the command
// line wins over the environment, which wins over the built-in default.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting of a noichinh process.
type Config struct {
	Addr      string // NOICHINH_ADDR: listen address of the web server
	Data      string // NOICHINH_DATA: data folder (SQLite file, keys, audit checkpoint)
	DB        string // NOICHINH_DB: empty for SQLite in Data, or a postgres:// URL
	TLSCert   string // NOICHINH_TLS_CERT: certificate file; TLS is on when both cert and key are set
	TLSKey    string // NOICHINH_TLS_KEY
	LogFormat string // NOICHINH_LOG_FORMAT: auto, json or text
	LogLevel  string // NOICHINH_LOG_LEVEL: debug, info, warn or error

	// TrustedProxies lists the addresses of reverse proxies whose
	// X-Forwarded-For header is believed (NOICHINH_TRUSTED_PROXIES, comma-separated CIDRs).
	TrustedProxies string

	ShutdownTimeout time.Duration // NOICHINH_SHUTDOWN_TIMEOUT: time in-flight requests get to finish
}

// Getenv reads the environment; tests pass their own.
type Getenv func(string) string

// Env variable names, documented in one place.
const (
	EnvAddr            = "NOICHINH_ADDR"
	EnvData            = "NOICHINH_DATA"
	EnvDB              = "NOICHINH_DB"
	EnvTLSCert         = "NOICHINH_TLS_CERT"
	EnvTLSKey          = "NOICHINH_TLS_KEY"
	EnvLogFormat       = "NOICHINH_LOG_FORMAT"
	EnvLogLevel        = "NOICHINH_LOG_LEVEL"
	EnvTrustedProxies  = "NOICHINH_TRUSTED_PROXIES"
	EnvShutdownTimeout = "NOICHINH_SHUTDOWN_TIMEOUT"
)

func def(getenv Getenv, key, fallback string) string {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		return v
	}
	return fallback
}

// StorageFlags registers the flags every command that opens the database needs.
func StorageFlags(fs *flag.FlagSet, getenv Getenv) *Config {
	c := &Config{}
	fs.StringVar(&c.Data, "data", def(getenv, EnvData, "./data"),
		"data folder: SQLite database, key files, audit checkpoint (env "+EnvData+")")
	fs.StringVar(&c.DB, "db", def(getenv, EnvDB, ""),
		"database: empty for SQLite in the data folder, or postgres://user@host:5432/name (env "+EnvDB+")")
	fs.StringVar(&c.LogFormat, "log-format", def(getenv, EnvLogFormat, "auto"),
		"log format: auto (JSON unless stderr is a terminal), json or text (env "+EnvLogFormat+")")
	fs.StringVar(&c.LogLevel, "log-level", def(getenv, EnvLogLevel, "info"),
		"log level: debug, info, warn or error (env "+EnvLogLevel+")")
	return c
}

// ServerFlags registers the storage flags plus the web server's.
func ServerFlags(fs *flag.FlagSet, getenv Getenv) (*Config, error) {
	c := StorageFlags(fs, getenv)
	fs.StringVar(&c.Addr, "addr", def(getenv, EnvAddr, "127.0.0.1:8080"),
		"listen address (env "+EnvAddr+")")
	fs.StringVar(&c.TLSCert, "tls-cert", def(getenv, EnvTLSCert, ""),
		"TLS certificate file (PEM); with -tls-key, serve HTTPS (env "+EnvTLSCert+")")
	fs.StringVar(&c.TLSKey, "tls-key", def(getenv, EnvTLSKey, ""),
		"TLS private key file (PEM) (env "+EnvTLSKey+")")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", def(getenv, EnvTrustedProxies, ""),
		"comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted (env "+EnvTrustedProxies+")")
	timeout, err := time.ParseDuration(def(getenv, EnvShutdownTimeout, "20s"))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", EnvShutdownTimeout, err)
	}
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", timeout,
		"how long in-flight requests may run after SIGINT/SIGTERM (env "+EnvShutdownTimeout+")")
	return c, nil
}

// Engine names the database engine a Config selects.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Engine reports which engine DB selects.
func (c *Config) Engine() Engine {
	if c.DB == "" {
		return SQLite
	}
	return Postgres
}

// SQLitePath is the database file inside the data folder.
func (c *Config) SQLitePath() string { return filepath.Join(c.Data, "noichinh.db") }

// Validate checks the settings without touching the disk or the network.
// Its errors are usage errors: one clear line, exit status 2.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.Data) == "" {
		return errors.New("the data folder (-data or " + EnvData + ") must not be empty")
	}
	if c.DB != "" {
		if err := ValidatePostgresURL(c.DB); err != nil {
			return err
		}
	}
	switch c.LogFormat {
	case "auto", "json", "text":
	default:
		return fmt.Errorf("log format %q is not one of auto, json, text", c.LogFormat)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("log level %q is not one of debug, info, warn, error", c.LogLevel)
	}
	if c.Addr != "" {
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return fmt.Errorf("listen address %q is not host:port", c.Addr)
		}
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return errors.New("TLS needs both a certificate (-tls-cert) and a key (-tls-key)")
	}
	if _, err := c.ProxyNets(); err != nil {
		return err
	}
	return nil
}

// ValidatePostgresURL accepts postgres:// and postgresql:// URLs with a host
// and a database name; the message never repeats the password.
func ValidatePostgresURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return fmt.Errorf("%s must be empty (SQLite) or a postgres:// URL, got %q", EnvDB, RedactDSN(raw))
	}
	if u.Host == "" && u.Query().Get("host") == "" {
		return fmt.Errorf("%s %q names no host", EnvDB, RedactDSN(raw))
	}
	if strings.Trim(u.Path, "/") == "" {
		return fmt.Errorf("%s %q names no database (add /name after the host)", EnvDB, RedactDSN(raw))
	}
	return nil
}

// RedactDSN removes the password from a database URL, for messages and logs.
func RedactDSN(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL: it may still hold a password; show nothing of it.
		return "(unparseable database URL)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// PostgresHost names the server of a PostgreSQL URL, for error messages.
func PostgresHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "?"
	}
	if u.Host != "" {
		return u.Host
	}
	return u.Query().Get("host")
}

// ProxyNets parses TrustedProxies.
func (c *Config) ProxyNets() ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range strings.Split(c.TrustedProxies, ",") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if ip := net.ParseIP(s); ip != nil && ip.To4() != nil {
				s += "/32"
			} else {
				s += "/128"
			}
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is not an address or CIDR", s)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

// TLS reports whether the server serves HTTPS itself.
func (c *Config) TLS() bool { return c.TLSCert != "" && c.TLSKey != "" }

// PrepareData makes sure the data folder exists with owner-only permissions
// and is writable, before anything else starts: a read-only or foreign-owned
// folder is reported at once instead of failing on the first write.
func (c *Config) PrepareData() error {
	if err := os.MkdirAll(c.Data, 0o700); err != nil {
		return fmt.Errorf("data folder %s: %w", c.Data, err)
	}
	info, err := os.Stat(c.Data)
	if err != nil {
		return fmt.Errorf("data folder %s: %w", c.Data, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("data folder %s is not a folder", c.Data)
	}
	probe, err := os.CreateTemp(c.Data, ".write-test-*")
	if err != nil {
		return fmt.Errorf("data folder %s is not writable: %w", c.Data, err)
	}
	name := probe.Name()
	probe.Close()
	os.Remove(name)
	if info.Mode().Perm()&0o077 != 0 {
		// Tighten a folder we own; never fail on it (it may be a mount point).
		_ = os.Chmod(c.Data, 0o700)
	}
	return nil
}

// EnvBool reads a boolean environment variable.
func EnvBool(getenv Getenv, key string) bool {
	v, _ := strconv.ParseBool(strings.TrimSpace(getenv(key)))
	return v
}
