package petitions

import (
	"testing"
	"time"

	"noichinh/internal/generate"
	"noichinh/internal/store/storetest"
)

func TestZZProfGenerate(t *testing.T) {
	db := storetest.SQLite(t)
	svc := newWorldService(t, db)
	start := time.Now()
	generated(t, db, svc, generate.Province, 5000)
	t.Log(time.Since(start))
}
