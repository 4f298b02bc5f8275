package ghemu

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
)

// Delivery is one webhook delivery attempt, as the delivery log keeps it.
type Delivery struct {
	ID              int64
	GUID            string // X-GitHub-Delivery; the same for redeliveries
	Event           string
	Action          string
	InstallationID  int64
	RepositoryID    int64
	DeliveredAt     time.Time
	Redelivery      bool
	Duration        time.Duration
	StatusCode      int    // 0 when the target could not be reached
	Status          string // "OK", "Invalid HTTP Response: 503", "failed to connect to host"
	Err             string // the transport error, if any
	RequestHeaders  map[string]string
	Payload         []byte
	ResponseHeaders map[string]string
	ResponseBody    []byte
}

func (s *state) delivery(id int64) *Delivery {
	for _, d := range s.deliveries {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// Deliveries returns the delivery log, oldest first.
func (e *Emulator) Deliveries() []Delivery {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]Delivery, 0, len(e.st.deliveries))
	for _, d := range e.st.deliveries {
		out = append(out, *d)
	}
	return out
}

func (e *Emulator) deliveryJSON(d *Delivery, full bool) *github.HookDelivery {
	out := &github.HookDelivery{
		ID: ptr(d.ID), GUID: ptr(d.GUID), DeliveredAt: ts(d.DeliveredAt), Redelivery: ptr(d.Redelivery),
		Duration: ptr(d.Duration.Seconds()), Status: ptr(d.Status), StatusCode: ptr(d.StatusCode),
		Event: ptr(d.Event), InstallationID: ptr(d.InstallationID), RepositoryID: ptr(d.RepositoryID),
	}
	if d.Action != "" {
		out.Action = ptr(d.Action)
	}
	if full {
		req := json.RawMessage(d.Payload)
		out.Request = &github.HookRequest{Headers: d.RequestHeaders, RawPayload: &req}
		out.Response = &github.HookResponse{Headers: d.ResponseHeaders}
		if json.Valid(d.ResponseBody) && len(d.ResponseBody) > 0 {
			resp := json.RawMessage(d.ResponseBody)
			out.Response.RawPayload = &resp
		} else {
			resp, _ := json.Marshal(string(d.ResponseBody))
			raw := json.RawMessage(resp)
			out.Response.RawPayload = &raw
		}
	}
	return out
}

// cursorPrefix starts the opaque cursors of the delivery log.
const cursorPrefix = "v1_"

// listDeliveries answers GET /app/hook/deliveries: newest first, per_page
// (default 30, at most 100) and a cursor in Link rel="next".
func (e *Emulator) listDeliveries(q *req) reply {
	perPage := perPageOf(q.r.URL.Query())
	before := int64(-1)
	if c := q.r.URL.Query().Get("cursor"); c != "" {
		n, err := strconv.ParseInt(strings.TrimPrefix(c, cursorPrefix), 10, 64)
		if err != nil {
			return invalidField("HookDelivery", "cursor", c)
		}
		before = n
	}
	var page []*github.HookDelivery
	var last int64
	more := false
	for i := len(e.st.deliveries) - 1; i >= 0; i-- {
		d := e.st.deliveries[i]
		if before >= 0 && d.ID >= before {
			continue
		}
		if len(page) == perPage {
			more = true
			break
		}
		page = append(page, e.deliveryJSON(d, false))
		last = d.ID
	}
	if page == nil {
		page = []*github.HookDelivery{}
	}
	rep := ok(page)
	if more {
		v := url.Values{}
		v.Set("per_page", strconv.Itoa(perPage))
		v.Set("cursor", cursorPrefix+strconv.FormatInt(last, 10))
		rep = rep.with("Link", "<"+e.apiURL()+"/app/hook/deliveries?"+v.Encode()+`>; rel="next"`)
	}
	return rep
}

func (e *Emulator) getDelivery(q *req) reply {
	id, _ := q.intParam("id")
	d := e.st.delivery(id)
	if d == nil {
		return notFound()
	}
	return ok(e.deliveryJSON(d, true))
}

// redeliverAttempt answers POST /app/hook/deliveries/{id}/attempts: the
// redelivery is queued and 202 returned at once, as GitHub does.
func (e *Emulator) redeliverAttempt(q *req) reply {
	id, _ := q.intParam("id")
	d := e.st.delivery(id)
	if d == nil {
		return notFound()
	}
	e.hooks.push(hookJob{event: d.Event, guid: d.GUID, payload: d.Payload, redelivery: true})
	return reply{status: http.StatusAccepted, body: map[string]any{}}
}
