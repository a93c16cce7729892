package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"

	"noichinh/internal/config"
)

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	where := config.PostgresHost(dsn)
	if u, err := url.Parse(dsn); err == nil {
		where += "/" + strings.TrimPrefix(u.Path, "/")
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL at %s: %s", where, scrub(err, dsn))
	}
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("cannot reach PostgreSQL at %s: %s", where, scrub(err, dsn))
	}
	return &DB{writer: db, reader: db, dialect: postgresDialect{}, engine: config.Postgres, where: where}, nil
}

// scrub makes sure an error message never carries the password, whatever the
// driver put in it.
func scrub(err error, dsn string) string {
	msg := err.Error()
	if u, perr := url.Parse(dsn); perr == nil && u.User != nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
		if pw := u.Query().Get("password"); pw != "" {
			msg = strings.ReplaceAll(msg, pw, "xxxxx")
		}
	}
	return msg
}
