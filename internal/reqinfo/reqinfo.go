// Package reqinfo carries what is known about the current request (its ID
// and the client's address) through the context, so that logs and audit
// entries written deep in a service can name the request they belong to.
package reqinfo

import "context"

// Info describes the request; the zero value is a command-line or background call.
type Info struct {
	RequestID  string
	RemoteAddr string // client address, after trusted-proxy handling
	UserAgent  string
}

type key struct{}

// With returns ctx carrying info.
func With(ctx context.Context, info Info) context.Context {
	return context.WithValue(ctx, key{}, info)
}

// From returns the request info in ctx, or the zero Info.
func From(ctx context.Context) Info {
	info, _ := ctx.Value(key{}).(Info)
	return info
}
