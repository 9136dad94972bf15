"""Every machine-readable endpoint of THADS lives here (the layer above the contexts, below ``web``).

Today: ``/healthz`` (the load balancer's probe). The versioned REST API for other systems (issue 20) joins this
package; its endpoints call the contexts' ``do_*`` actions and scope helpers like the pages do.
"""
