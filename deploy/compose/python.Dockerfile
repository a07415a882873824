# Stand-in for python:3.11-slim (the first line is replaced by the imported Debian root).
FROM debian-root
# Like the real image, pip installs into the system interpreter.
RUN rm -f /usr/lib/python3*/EXTERNALLY-MANAGED
# Builds have no network: pip finds every dependency in this wheelhouse (made on the host).
COPY wheels /wheels
ENV LANG=C.UTF-8 PIP_NO_INDEX=1 PIP_FIND_LINKS=/wheels
CMD ["python3"]
