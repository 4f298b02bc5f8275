package deploy

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
	k8syaml "k8s.io/apimachinery/pkg/util/yaml"
)

const (
	k8sBase   = "kubernetes/base"
	k8sSQLite = "kubernetes/sqlite"
	// shutdownBudget is how long the service's graceful stop may take:
	// server.shutdown_timeout's default, then up to 2 s for cancelled
	// handlers to return and the listener to close (app.shutdownGrace).
	shutdownBudget = 30*time.Second + 2*time.Second
)

// k8sDecoder decodes manifests into the official API types in strict mode,
// as the API server's strict field validation does: an unknown or
// duplicated field, a wrong type or a kind these API groups do not have is
// an error.
var k8sDecoder = func() runtime.Decoder {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{corev1.AddToScheme, appsv1.AddToScheme, policyv1.AddToScheme} {
		if err := add(scheme); err != nil {
			panic(err)
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer()
}()

// manifests holds the decoded objects of a set of files, by kind and name.
type manifests map[string]runtime.Object

func (m manifests) get(t *testing.T, kind, name string) runtime.Object {
	t.Helper()
	o, ok := m[kind+"/"+name]
	if !ok {
		t.Fatalf("no %s %q among %v", kind, name, slices.Sorted(maps.Keys(m)))
	}
	return o
}

// decodeManifests decodes every document of the named YAML streams.
func decodeManifests(t *testing.T, name string, data []byte) manifests {
	t.Helper()
	out := manifests{}
	r := k8syaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for i := 1; ; i++ {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: document %d: %v", name, i, err)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		obj, gvk, err := k8sDecoder.Decode(doc, nil, nil)
		if err != nil {
			t.Errorf("%s: document %d: %v", name, i, err)
			continue
		}
		meta := objectMeta(obj)
		key := gvk.Kind + "/" + meta.Name
		if _, dup := out[key]; dup {
			t.Errorf("%s: %s defined twice", name, key)
		}
		out[key] = obj
	}
	return out
}

func stripComments(doc []byte) []byte {
	var b bytes.Buffer
	for line := range strings.Lines(string(doc)) {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line)
		}
	}
	return b.Bytes()
}

func objectMeta(o runtime.Object) *metav1.ObjectMeta {
	switch v := o.(type) {
	case *appsv1.Deployment:
		return &v.ObjectMeta
	case *corev1.Service:
		return &v.ObjectMeta
	case *corev1.ConfigMap:
		return &v.ObjectMeta
	case *corev1.Secret:
		return &v.ObjectMeta
	case *corev1.PersistentVolumeClaim:
		return &v.ObjectMeta
	case *policyv1.PodDisruptionBudget:
		return &v.ObjectMeta
	}
	panic(fmt.Sprintf("objectMeta: unexpected %T", o))
}

// manifestFiles lists a kustomization folder's YAML files other than the
// kustomization itself.
func manifestFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".yaml") && n != "kustomization.yaml" {
			out = append(out, n)
		}
	}
	return out
}

func loadDir(t *testing.T, dir string) manifests {
	t.Helper()
	all := manifests{}
	for _, f := range manifestFiles(t, dir) {
		for k, o := range decodeManifests(t, filepath.Join(dir, f), readFile(t, filepath.Join(dir, f))) {
			all[k] = o
		}
	}
	return all
}

// TestKubernetesManifestsDecodeStrictly checks every manifest, including the
// overlay's patches, against the Kubernetes API types, and their metadata
// with the API machinery's own validation.
func TestKubernetesManifestsDecodeStrictly(t *testing.T) {
	for _, dir := range []string{k8sBase, k8sSQLite} {
		m := loadDir(t, dir)
		if len(m) == 0 {
			t.Fatalf("%s: no manifests", dir)
		}
		for key, o := range m {
			meta := objectMeta(o)
			if meta.Namespace != "" {
				t.Errorf("%s %s: sets namespace %q; the manifests are namespace-agnostic", dir, key, meta.Namespace)
			}
			for _, e := range apivalidation.ValidateObjectMeta(meta, false, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata")) {
				t.Errorf("%s %s: %v", dir, key, e)
			}
		}
	}
}

func baseObjects(t *testing.T) (*appsv1.Deployment, *corev1.Service, *corev1.ConfigMap, *policyv1.PodDisruptionBudget, manifests) {
	t.Helper()
	m := loadDir(t, k8sBase)
	return m.get(t, "Deployment", "mentorbot").(*appsv1.Deployment),
		m.get(t, "Service", "mentorbot").(*corev1.Service),
		m.get(t, "ConfigMap", "mentorbot").(*corev1.ConfigMap),
		m.get(t, "PodDisruptionBudget", "mentorbot").(*policyv1.PodDisruptionBudget),
		m
}

func TestDeploymentShape(t *testing.T) {
	d, _, _, _, _ := baseObjects(t)
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 2 {
		t.Errorf("replicas = %v, want 2", d.Spec.Replicas)
	}
	ru := d.Spec.Strategy.RollingUpdate
	if d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || ru == nil || ru.MaxUnavailable == nil || ru.MaxUnavailable.IntValue() != 0 || ru.MaxSurge == nil || ru.MaxSurge.IntValue() < 1 {
		t.Errorf("strategy = %+v, want RollingUpdate with maxUnavailable 0 and a surge", d.Spec.Strategy)
	}
	for _, e := range metav1validation.ValidateLabelSelector(d.Spec.Selector, metav1validation.LabelSelectorValidationOptions{}, field.NewPath("spec", "selector")) {
		t.Error(e)
	}
	if !selects(t, d.Spec.Selector, d.Spec.Template.Labels) {
		t.Errorf("selector %v does not select the pod template's labels %v", d.Spec.Selector, d.Spec.Template.Labels)
	}
	pod := d.Spec.Template.Spec
	if len(pod.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(pod.Containers))
	}
	c := pod.Containers[0]
	if errs := validation.IsDNS1123Label(c.Name); len(errs) > 0 {
		t.Errorf("container name %q: %v", c.Name, errs)
	}
	if !slices.Equal(c.Args, []string{"serve"}) {
		t.Errorf("args = %v, want [serve] (the image's entrypoint is the binary)", c.Args)
	}
	if pod.EnableServiceLinks == nil || *pod.EnableServiceLinks {
		t.Error("enableServiceLinks must be false: a Service named mentorbot injects MENTORBOT_PORT=tcp://..., which the app reads as its port")
	}
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		t.Error("automountServiceAccountToken must be false: the service never calls the Kubernetes API")
	}
	stop := time.Duration(0)
	if c.Lifecycle != nil && c.Lifecycle.PreStop != nil && c.Lifecycle.PreStop.Sleep != nil {
		stop = time.Duration(c.Lifecycle.PreStop.Sleep.Seconds) * time.Second
	}
	if pod.TerminationGracePeriodSeconds == nil || time.Duration(*pod.TerminationGracePeriodSeconds)*time.Second < stop+shutdownBudget+5*time.Second {
		t.Errorf("terminationGracePeriodSeconds = %v, want at least preStop (%v) + graceful stop (%v) + 5s", pod.TerminationGracePeriodSeconds, stop, shutdownBudget)
	}
	for _, ts := range pod.TopologySpreadConstraints {
		if !selects(t, ts.LabelSelector, d.Spec.Template.Labels) {
			t.Errorf("topology spread selector %v misses the pods", ts.LabelSelector)
		}
	}
}

// TestDeploymentProbes wants readiness on /readyz, liveness and startup on
// /healthz, all on the container port the app is configured to listen on.
func TestDeploymentProbes(t *testing.T) {
	d, _, cm, _, _ := baseObjects(t)
	c := d.Spec.Template.Spec.Containers[0]
	if len(c.Ports) != 1 {
		t.Fatalf("%d container ports, want 1", len(c.Ports))
	}
	port := c.Ports[0]
	if errs := validation.IsValidPortName(port.Name); len(errs) > 0 {
		t.Errorf("port name %q: %v", port.Name, errs)
	}
	cfg, err := loadConfigFromEnv(t, cm.Data)
	if err != nil {
		t.Fatalf("the ConfigMap's settings: %v", err)
	}
	if int(port.ContainerPort) != cfg.Server.Port {
		t.Errorf("containerPort %d, but the app listens on %d", port.ContainerPort, cfg.Server.Port)
	}
	if cfg.Server.Address != "0.0.0.0" {
		t.Errorf("the app listens on %s: probes and the Service need 0.0.0.0", cfg.Server.Address)
	}
	for _, p := range []struct {
		name  string
		probe *corev1.Probe
		path  string
	}{
		{"readinessProbe", c.ReadinessProbe, "/readyz"},
		{"livenessProbe", c.LivenessProbe, "/healthz"},
		{"startupProbe", c.StartupProbe, "/healthz"},
	} {
		if p.probe == nil || p.probe.HTTPGet == nil {
			t.Errorf("%s: want an httpGet probe", p.name)
			continue
		}
		g := p.probe.HTTPGet
		if g.Path != p.path {
			t.Errorf("%s: path %q, want %q", p.name, g.Path, p.path)
		}
		if g.Port.String() != port.Name && g.Port.IntValue() != int(port.ContainerPort) {
			t.Errorf("%s: port %s is not the container port %s (%d)", p.name, g.Port.String(), port.Name, port.ContainerPort)
		}
		if p.probe.TimeoutSeconds < 2 {
			t.Errorf("%s: timeoutSeconds %d; /readyz pings the store for up to 2 s", p.name, p.probe.TimeoutSeconds)
		}
	}
	if sp := c.StartupProbe; sp != nil && sp.PeriodSeconds*sp.FailureThreshold < 60 {
		t.Errorf("startupProbe allows %ds; migrations behind another replica's lock need a minute or more", sp.PeriodSeconds*sp.FailureThreshold)
	}
}

func TestDeploymentSecurityAndResources(t *testing.T) {
	d, _, _, _, _ := baseObjects(t)
	pod := d.Spec.Template.Spec
	c := pod.Containers[0]
	psc, sc := pod.SecurityContext, c.SecurityContext
	if psc == nil || sc == nil {
		t.Fatal("want pod and container securityContext")
	}
	if psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
		t.Errorf("pod must run as a non-root user: %+v", psc)
	}
	if psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault {
		t.Errorf("seccompProfile = %v, want RuntimeDefault", psc.SeccompProfile)
	}
	if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
		t.Error("readOnlyRootFilesystem must be true")
	}
	if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
		t.Error("allowPrivilegeEscalation must be false")
	}
	if sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(sc.Capabilities.Add) > 0 {
		t.Errorf("capabilities = %+v, want drop [ALL] and nothing added", sc.Capabilities)
	}

	req, lim := c.Resources.Requests, c.Resources.Limits
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := req[r]; !ok {
			t.Errorf("no %s request", r)
		}
		if _, ok := lim[r]; !ok {
			t.Errorf("no %s limit", r)
		}
	}
	memReq, memLim := req[corev1.ResourceMemory], lim[corev1.ResourceMemory]
	const rss = 60 << 20 // the service's resident size under load
	if memReq.Value() < rss || memReq.Cmp(memLim) > 0 {
		t.Errorf("memory request %s: want at least the ~60 MB RSS and at most the limit %s", memReq.String(), memLim.String())
	}
	gomem := ""
	for _, e := range c.Env {
		if e.Name == "GOMEMLIMIT" {
			gomem = e.Value
		}
	}
	n, err := parseGoMemLimit(gomem)
	if err != nil || n >= memLim.Value() || n < rss {
		t.Errorf("GOMEMLIMIT %q (%v): want a soft limit between the RSS and the container's memory limit %s", gomem, err, memLim.String())
	}
}

// parseGoMemLimit reads the Go runtime's GOMEMLIMIT syntax (bytes with a
// B, KiB, MiB, GiB or TiB suffix).
func parseGoMemLimit(s string) (int64, error) {
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			n, err := strconv.ParseInt(num, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%q is not a GOMEMLIMIT", s)
			}
			return n * u.mult, nil
		}
	}
	return 0, fmt.Errorf("%q is not a GOMEMLIMIT with a unit", s)
}

// TestServiceAndBudgetSelectThePods checks that the Service and the
// PodDisruptionBudget find the Deployment's pods and the named port.
func TestServiceAndBudgetSelectThePods(t *testing.T) {
	d, svc, _, pdb, _ := baseObjects(t)
	pods := d.Spec.Template.Labels
	if !labels.SelectorFromSet(svc.Spec.Selector).Matches(labels.Set(pods)) || len(svc.Spec.Selector) == 0 {
		t.Errorf("Service selector %v does not select the pods %v", svc.Spec.Selector, pods)
	}
	port := d.Spec.Template.Spec.Containers[0].Ports[0]
	for _, p := range svc.Spec.Ports {
		if p.TargetPort.String() != port.Name && p.TargetPort.IntValue() != int(port.ContainerPort) {
			t.Errorf("Service port %s targets %s, not the container port %s", p.Name, p.TargetPort.String(), port.Name)
		}
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() != 1 || pdb.Spec.MaxUnavailable != nil {
		t.Errorf("PodDisruptionBudget: minAvailable %v, maxUnavailable %v; want minAvailable 1 only", pdb.Spec.MinAvailable, pdb.Spec.MaxUnavailable)
	}
	if !selects(t, pdb.Spec.Selector, pods) {
		t.Errorf("PodDisruptionBudget selector %v does not select the pods %v", pdb.Spec.Selector, pods)
	}
}

// TestSecretsAndConfigMap wants the app's credentials in their own Secret
// and nowhere else, the database password in another, every name one the
// service reads, and every reference of the Deployment satisfied.
func TestSecretsAndConfigMap(t *testing.T) {
	d, _, cm, _, m := baseObjects(t)
	creds := m.get(t, "Secret", "mentorbot-github-app").(*corev1.Secret)
	db := m.get(t, "Secret", "mentorbot-database").(*corev1.Secret)
	if got := slices.Sorted(maps.Keys(creds.StringData)); !slices.Equal(got, slices.Sorted(slices.Values(credentialEnv))) || len(creds.Data) > 0 {
		t.Errorf("Secret mentorbot-github-app holds %v (data %d), want exactly the App's credentials %v as stringData", got, len(creds.Data), credentialEnv)
	}
	if got := slices.Sorted(maps.Keys(db.StringData)); !slices.Equal(got, []string{"PGPASSWORD"}) || len(db.Data) > 0 {
		t.Errorf("Secret mentorbot-database holds %v, want [PGPASSWORD]", got)
	}
	for k := range cm.Data {
		if slices.Contains(credentialEnv, k) || k == "PGPASSWORD" {
			t.Errorf("ConfigMap holds the secret %s", k)
		}
		if u, err := url.Parse(cm.Data[k]); err == nil && u.User != nil {
			if _, set := u.User.Password(); set {
				t.Errorf("ConfigMap %s carries a password in its URL; use PGPASSWORD in the mentorbot-database Secret", k)
			}
		}
	}
	checkEnvNames(t, "ConfigMap mentorbot", slices.Collect(maps.Keys(cm.Data)))
	checkEnvNames(t, "Secret mentorbot-github-app", slices.Collect(maps.Keys(creds.StringData)))
	checkEnvNames(t, "Secret mentorbot-database", slices.Collect(maps.Keys(db.StringData)))
	for k := range cm.Data {
		if errs := validation.IsEnvVarName(k); len(errs) > 0 {
			t.Errorf("ConfigMap key %s: %v", k, errs)
		}
	}

	// The placeholders stop start-up with a line naming the key.
	_, err := loadConfigFromEnv(t, creds.StringData)
	if err == nil || !strings.Contains(err.Error(), "GITHUB_APP_INTEGRATION_ID") {
		t.Errorf("the Secret's placeholders: %v, want an error naming GITHUB_APP_INTEGRATION_ID", err)
	}

	c := d.Spec.Template.Spec.Containers[0]
	var envNames []string
	for _, e := range c.Env {
		envNames = append(envNames, e.Name)
	}
	checkEnvNames(t, "the Deployment's env", envNames)
	refs := map[string]bool{}
	for _, src := range c.EnvFrom {
		switch {
		case src.ConfigMapRef != nil:
			m.get(t, "ConfigMap", src.ConfigMapRef.Name)
			refs["ConfigMap/"+src.ConfigMapRef.Name] = true
		case src.SecretRef != nil:
			m.get(t, "Secret", src.SecretRef.Name)
			refs["Secret/"+src.SecretRef.Name] = true
			optional := src.SecretRef.Optional != nil && *src.SecretRef.Optional
			if (src.SecretRef.Name == creds.Name) == optional {
				t.Errorf("Secret %s: optional=%v; the App's credentials are required, the database password optional", src.SecretRef.Name, optional)
			}
		}
	}
	for _, want := range []string{"ConfigMap/mentorbot", "Secret/mentorbot-github-app", "Secret/mentorbot-database"} {
		if !refs[want] {
			t.Errorf("the Deployment's envFrom does not read %s", want)
		}
	}
}

func selects(t *testing.T, ls *metav1.LabelSelector, set map[string]string) bool {
	t.Helper()
	if ls == nil {
		return false
	}
	sel, err := metav1.LabelSelectorAsSelector(ls)
	if err != nil {
		t.Errorf("selector %v: %v", ls, err)
		return false
	}
	return !sel.Empty() && sel.Matches(labels.Set(set))
}

type kustomization struct {
	APIVersion string              `yaml:"apiVersion"`
	Kind       string              `yaml:"kind"`
	Resources  []string            `yaml:"resources"`
	Patches    []map[string]string `yaml:"patches"`
	Images     []map[string]string `yaml:"images"`
}

// TestKustomizations checks what each kustomization lists: the base takes
// every manifest but the Secret templates (applying must never overwrite
// real credentials), the overlay its patches and claim. Where kubectl is
// installed, `kubectl kustomize` builds both offline, and the results are
// checked like the files.
func TestKustomizations(t *testing.T) {
	for _, c := range []struct {
		dir  string
		want []string
	}{
		{k8sBase, withoutFile(manifestFiles(t, k8sBase), "secret.yaml")},
		{k8sSQLite, []string{"../base", "pvc.yaml"}},
	} {
		var k kustomization
		dec := yaml.NewDecoder(bytes.NewReader(readFile(t, filepath.Join(c.dir, "kustomization.yaml"))))
		dec.KnownFields(true)
		if err := dec.Decode(&k); err != nil {
			t.Fatalf("%s/kustomization.yaml: %v", c.dir, err)
		}
		if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
			t.Errorf("%s: %s %s", c.dir, k.APIVersion, k.Kind)
		}
		if !slices.Equal(slices.Sorted(slices.Values(k.Resources)), slices.Sorted(slices.Values(c.want))) {
			t.Errorf("%s: resources %v, want %v", c.dir, k.Resources, c.want)
		}
		for _, p := range k.Patches {
			if path := p["path"]; path != "" {
				if _, err := os.Stat(filepath.Join(c.dir, path)); err != nil {
					t.Errorf("%s: patch %v", c.dir, err)
				}
			}
		}
	}

	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl is not installed: `kubectl kustomize` builds of base/ and sqlite/ not checked")
	}
	build := func(dir string) manifests {
		out, err := exec.Command(kubectl, "kustomize", dir).Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				err = fmt.Errorf("%w: %s", err, ee.Stderr)
			}
			t.Fatalf("kubectl kustomize %s: %v", dir, err)
		}
		return decodeManifests(t, "kustomize "+dir, out)
	}
	base := build(k8sBase)
	if len(base) != 4 {
		t.Errorf("kustomize %s gave %v, want ConfigMap, Deployment, Service and PodDisruptionBudget", k8sBase, slices.Sorted(maps.Keys(base)))
	}
	img := base.get(t, "Deployment", "mentorbot").(*appsv1.Deployment).Spec.Template.Spec.Containers[0].Image
	if img == "mentorbot:dev" || !strings.Contains(img, ":") {
		t.Errorf("image %q: the kustomization's images entry did not apply", img)
	}

	lite := build(k8sSQLite)
	if _, ok := lite["PodDisruptionBudget/mentorbot"]; ok {
		t.Error("the SQLite overlay keeps the PodDisruptionBudget; with one replica it blocks every drain")
	}
	d := lite.get(t, "Deployment", "mentorbot").(*appsv1.Deployment)
	if d.Spec.Replicas == nil || *d.Spec.Replicas != 1 || d.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType || d.Spec.Strategy.RollingUpdate != nil {
		t.Errorf("SQLite overlay: replicas %v, strategy %+v; want 1 and Recreate", d.Spec.Replicas, d.Spec.Strategy)
	}
	pvc := lite.get(t, "PersistentVolumeClaim", "mentorbot-data").(*corev1.PersistentVolumeClaim)
	if !slices.Equal(pvc.Spec.AccessModes, []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}) {
		t.Errorf("claim access modes %v, want [ReadWriteOnce]", pvc.Spec.AccessModes)
	}
	cm := lite.get(t, "ConfigMap", "mentorbot").(*corev1.ConfigMap)
	cfg, err := loadConfigFromEnv(t, cm.Data)
	if err != nil {
		t.Fatalf("SQLite overlay's ConfigMap: %v", err)
	}
	mount := mountOf(d, pvc.Name)
	if mount == "" || !strings.HasPrefix(cfg.Database.URL, "sqlite://"+mount+"/") {
		t.Errorf("database %s is not on the claim's mount %q", cfg.Database.URL, mount)
	}
}

func withoutFile(files []string, name string) []string {
	return slices.DeleteFunc(files, func(f string) bool { return f == name })
}

// mountOf is where the Deployment's container mounts the named claim.
func mountOf(d *appsv1.Deployment, claim string) string {
	pod := d.Spec.Template.Spec
	for _, v := range pod.Volumes {
		if v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName != claim {
			continue
		}
		for _, m := range pod.Containers[0].VolumeMounts {
			if m.Name == v.Name {
				return m.MountPath
			}
		}
	}
	return ""
}
