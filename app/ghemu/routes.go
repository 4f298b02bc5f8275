package ghemu

// restAPI is the REST operations under /api/v3, tried in order.
var restAPI = newRESTAPI()

func newRESTAPI() *router {
	rt := &router{}
	const repo = "/repos/{owner}/{repo}"
	issue := repo + "/issues/{number}"
	comment := repo + "/issues/comments/{id}"
	pull := repo + "/pulls/{number}"

	// Apps: the app JWT.
	rt.add("GET", "/app", authJWT, (*Emulator).getApp)
	rt.add("GET", "/app/installations", authJWT, (*Emulator).listInstallations)
	rt.add("GET", "/app/installations/{id}", authJWT, (*Emulator).getInstallation)
	rt.add("POST", "/app/installations/{id}/access_tokens", authJWT, (*Emulator).createToken)
	rt.add("GET", repo+"/installation", authJWT, (*Emulator).repoInstallation)
	rt.add("GET", "/orgs/{account}/installation", authJWT, func(e *Emulator, q *req) reply { return e.accountInstallation(q, true) })
	rt.add("GET", "/users/{account}/installation", authJWT, func(e *Emulator, q *req) reply { return e.accountInstallation(q, false) })
	rt.add("GET", "/app/hook/deliveries", authJWT, (*Emulator).listDeliveries)
	rt.add("GET", "/app/hook/deliveries/{id}", authJWT, (*Emulator).getDelivery)
	rt.add("POST", "/app/hook/deliveries/{id}/attempts", authJWT, (*Emulator).redeliverAttempt)
	rt.add("POST", "/app-manifests/{code}/conversions", authNone, (*Emulator).convertManifest)
	rt.add("GET", "/rate_limit", authAny, (*Emulator).getRateLimit)

	// User token (oauth.go).
	rt.add("GET", "/user", authUser, (*Emulator).getUser)
	rt.add("GET", "/user/installations", authUser, (*Emulator).userInstallations)
	rt.add("GET", "/user/installations/{id}/repositories", authUser, (*Emulator).userInstallationRepos)

	// Installation token.
	rt.add("GET", "/installation/repositories", authToken, (*Emulator).installationRepos)
	rt.add("GET", repo, authToken, (*Emulator).getRepo)
	rt.add("GET", repo+"/contents/{path...}", authToken, (*Emulator).getContents)
	rt.add("GET", repo+"/collaborators/{user}", authToken, (*Emulator).isCollaborator)
	rt.add("GET", repo+"/collaborators/{user}/permission", authToken, (*Emulator).collaboratorPermission)
	rt.add("GET", "/orgs/{org}/members/{user}", authToken, (*Emulator).isOrgMember)
	rt.add("GET", "/orgs/{org}/teams/{slug}/members", authToken, (*Emulator).listTeamMembers)
	rt.add("GET", repo+"/assignees/{user}", authToken, (*Emulator).canAssign)

	rt.add("GET", repo+"/labels", authToken, (*Emulator).listRepoLabels)
	rt.add("POST", repo+"/labels", authToken, (*Emulator).createRepoLabel)
	rt.add("GET", repo+"/labels/{name}", authToken, (*Emulator).getRepoLabel)

	rt.add("GET", comment, authToken, (*Emulator).getComment)
	rt.add("PATCH", comment, authToken, (*Emulator).updateComment)
	rt.add("DELETE", comment, authToken, (*Emulator).deleteCommentREST)
	rt.add("GET", comment+"/reactions", authToken, (*Emulator).commentReactions)
	rt.add("POST", comment+"/reactions", authToken, (*Emulator).commentReactions)

	rt.add("GET", repo+"/issues", authToken, (*Emulator).listIssues)
	rt.add("POST", repo+"/issues", authToken, (*Emulator).createIssueREST)
	rt.add("GET", issue, authToken, (*Emulator).getIssue)
	rt.add("PATCH", issue, authToken, (*Emulator).updateIssue)
	rt.add("GET", issue+"/comments", authToken, (*Emulator).listComments)
	rt.add("POST", issue+"/comments", authToken, (*Emulator).createComment)
	rt.add("POST", issue+"/assignees", authToken, (*Emulator).addAssigneesREST)
	rt.add("DELETE", issue+"/assignees", authToken, (*Emulator).removeAssigneesREST)
	rt.add("GET", issue+"/labels", authToken, (*Emulator).listIssueLabels)
	rt.add("POST", issue+"/labels", authToken, func(e *Emulator, q *req) reply { return e.addIssueLabels(q, false) })
	rt.add("PUT", issue+"/labels", authToken, func(e *Emulator, q *req) reply { return e.addIssueLabels(q, true) })
	rt.add("DELETE", issue+"/labels", authToken, (*Emulator).removeAllIssueLabels)
	rt.add("DELETE", issue+"/labels/{name}", authToken, (*Emulator).removeIssueLabel)
	rt.add("GET", issue+"/timeline", authToken, (*Emulator).timeline)
	rt.add("GET", issue+"/reactions", authToken, (*Emulator).issueReactions)
	rt.add("POST", issue+"/reactions", authToken, (*Emulator).issueReactions)

	rt.add("GET", pull, authToken, (*Emulator).getPull)
	rt.add("GET", pull+"/files", authToken, (*Emulator).listPullFiles)
	rt.add("GET", pull+"/reviews", authToken, (*Emulator).listReviews)
	rt.add("GET", pull+"/requested_reviewers", authToken, (*Emulator).listRequestedReviewers)
	rt.add("POST", pull+"/requested_reviewers", authToken, (*Emulator).requestReviewersREST)
	rt.add("DELETE", pull+"/requested_reviewers", authToken, (*Emulator).removeReviewersREST)

	rt.add("GET", "/search/issues", authToken, (*Emulator).searchIssues)
	return rt
}
