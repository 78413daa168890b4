# The viewer's videos (through the Export dialog's code, on its thread, under Xvfb): a date film of the window shown,
# and a briefing played, each counted by ffprobe; the briefing's film has as many frames as `bordermap brief` gives
# at the same size and rate.
#   cmake -DXVFB_RUN=... -DBORDERMAP=... -DFFPROBE=... -DOUT=... -P viewer_film.cmake
set(dir "${OUT}/viewer_film")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")

# The frames ffprobe counts in FILE, and its size, into VAR_frames and VAR_size ("WxH").
function(probe file var)
  execute_process(COMMAND ${FFPROBE} -v error -select_streams v:0 -count_frames
                          -show_entries stream=nb_read_frames,width,height -of csv=p=0:s=x "${file}"
                  OUTPUT_VARIABLE said OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE code)
  if(NOT code EQUAL 0 OR NOT said MATCHES "^([0-9]+)x([0-9]+)x([0-9]+)$")
    message(FATAL_ERROR "ffprobe cannot read ${file}: '${said}'")
  endif()
  set(${var}_size "${CMAKE_MATCH_1}x${CMAKE_MATCH_2}" PARENT_SCOPE)
  set(${var}_frames "${CMAKE_MATCH_3}" PARENT_SCOPE)
endfunction()

# Three days of a three-day window, a frame a day.
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24" ${BORDERMAP} --size 1024x768 --date 2025-03-03 --window 3
                        --export "${dir}/days.mp4"
                OUTPUT_VARIABLE said ERROR_VARIABLE errors RESULT_VARIABLE code)
if(NOT code EQUAL 0 OR NOT said MATCHES "wrote ${dir}/days.mp4: 3 frames")
  message(FATAL_ERROR "the viewer's date film: exit ${code}: ${said}${errors}")
endif()
probe("${dir}/days.mp4" days)
if(NOT days_frames EQUAL 3)
  message(FATAL_ERROR "the viewer's date film has ${days_frames} frames, not 3")
endif()
if(NOT days_size MATCHES "^[0-9]*[02468]x[0-9]*[02468]$")
  message(FATAL_ERROR "the viewer's MP4 is ${days_size}: not even")
endif()

# A briefing of two scenes, held 1 s and 1.5 s at 5 fps, with the flight between them.
file(WRITE "${dir}/briefing.json" [[{"bordermap_briefing": 1, "title": "t", "scenes": [
  {"title": "Kabul", "date": "2025-10-09", "view": {"centre": [69.17, 34.53], "zoom": 8}, "hold_s": 1},
  {"title": "Spin Boldak", "date": "2025-10-15", "view": {"centre": [66.4, 31.0], "zoom": 9}, "hold_s": 1.5}]}]])
execute_process(COMMAND ${XVFB_RUN} -a -s "-screen 0 1280x1024x24" ${BORDERMAP} --size 1024x768 --briefing "${dir}/briefing.json"
                        --export "${dir}/briefing.webm"
                OUTPUT_VARIABLE said ERROR_VARIABLE errors RESULT_VARIABLE code)
if(NOT code EQUAL 0 OR NOT said MATCHES "wrote ${dir}/briefing.webm: ([0-9]+) frames")
  message(FATAL_ERROR "the viewer's briefing film: exit ${code}: ${said}${errors}")
endif()
set(told ${CMAKE_MATCH_1})
probe("${dir}/briefing.webm" brief)
execute_process(COMMAND ${CMAKE_COMMAND} -E env DISPLAY= ${BORDERMAP} brief "${dir}/briefing.json" --size ${brief_size} --fps 5
                        -o "${dir}/command.webm"
                RESULT_VARIABLE code OUTPUT_QUIET)
probe("${dir}/command.webm" command)
if(NOT code EQUAL 0 OR NOT brief_frames EQUAL told OR NOT brief_frames EQUAL command_frames OR brief_frames LESS 13)
  message(FATAL_ERROR "the briefing film: the viewer said ${told} frames, ffprobe counts ${brief_frames}; bordermap brief gives ${command_frames}")
endif()
message(STATUS "the viewer's films: 3 days in ${days_size}; the briefing in ${brief_frames} frames of ${brief_size}, as bordermap brief")
